using Microsoft.Extensions.Options;

namespace ProcessorGateway.Client;

/// <summary>
/// Checks <see cref="GatewayClientOptions"/> once, before use. Messages name each setting by its full path (the
/// configuration section when bound from configuration), so the fix is obvious from the message alone.
/// </summary>
public sealed class GatewayClientOptionsValidator : IValidateOptions<GatewayClientOptions>
{
    private static readonly TimeSpan MaxRefreshLeeway = TimeSpan.FromHours(1);
    private readonly string _prefix;

    /// <summary>Names settings as properties, e.g. <c>GatewayClientOptions.ClientId</c>.</summary>
    public GatewayClientOptionsValidator()
        : this(nameof(GatewayClientOptions) + ".")
    {
    }

    /// <param name="settingPrefix">Put before each setting name, e.g. <c>ProcessorGateway:Client:</c>.</param>
    public GatewayClientOptionsValidator(string settingPrefix)
    {
        ArgumentNullException.ThrowIfNull(settingPrefix);
        _prefix = settingPrefix;
    }

    public ValidateOptionsResult Validate(string? name, GatewayClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var allowSetting = _prefix + nameof(GatewayClientOptions.AllowInsecureLoopback);
        CheckEndpoint(options.Address, _prefix + nameof(GatewayClientOptions.Address), options.AllowInsecureLoopback, allowSetting, failures);
        CheckEndpoint(options.TokenEndpoint, _prefix + nameof(GatewayClientOptions.TokenEndpoint), options.AllowInsecureLoopback, allowSetting, failures);

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add($"{_prefix}{nameof(GatewayClientOptions.ClientId)} is required.");
        }

        var secretSetting = _prefix + nameof(GatewayClientOptions.ClientSecret);
        var keySetting = _prefix + nameof(GatewayClientOptions.PrivateKeyPath);
        var hasKey = !string.IsNullOrEmpty(options.PrivateKeyPath);
        if (string.IsNullOrEmpty(options.ClientSecret) && !hasKey)
        {
            failures.Add($"{secretSetting} is required, or {keySetting} for a client registered with a public key.");
        }
        else if (!string.IsNullOrEmpty(options.ClientSecret) && hasKey)
        {
            failures.Add($"Give one of {secretSetting} and {keySetting}, not both.");
        }
        else if (hasKey && !File.Exists(options.PrivateKeyPath))
        {
            failures.Add($"{keySetting} names a file that does not exist.");
        }

        foreach (var scope in options.Scopes)
        {
            if (!IsScopeToken(scope))
            {
                failures.Add($"{_prefix}{nameof(GatewayClientOptions.Scopes)} holds '{scope}', which is not a scope: scopes are non-empty and contain no spaces, quotes or backslashes (RFC 6749 §3.3).");
            }
        }

        if (options.RefreshLeeway < TimeSpan.Zero || options.RefreshLeeway > MaxRefreshLeeway)
        {
            failures.Add($"{_prefix}{nameof(GatewayClientOptions.RefreshLeeway)} must be between 00:00:00 and 01:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>For callers without dependency injection: throws the same failures <c>ValidateOnStart</c> would.</summary>
    public void ThrowIfInvalid(GatewayClientOptions options)
    {
        var result = Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(GatewayClientOptions), result.Failures);
        }
    }

    private static void CheckEndpoint(Uri? uri, string setting, bool allowInsecureLoopback, string allowSetting, List<string> failures)
    {
        if (uri is null)
        {
            failures.Add($"{setting} is required.");
        }
        else if (!GatewayAddress.IsHttpOrHttps(uri))
        {
            failures.Add($"{setting} must be an absolute https:// (or loopback http://) URI.");
        }
        else if (GatewayAddress.IsCleartext(uri) && !GatewayAddress.IsLoopback(uri))
        {
            failures.Add($"{setting} is cleartext http:// to '{uri.Host}', which is not a loopback address; use https://. Cleartext is allowed only on loopback, for development.");
        }
        else if (GatewayAddress.IsCleartext(uri) && !allowInsecureLoopback)
        {
            failures.Add($"{setting} is cleartext http://; use https://, or set {allowSetting} to true for a development gateway on loopback.");
        }
    }

    // scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
    private static bool IsScopeToken(string? scope) =>
        !string.IsNullOrEmpty(scope) && scope.All(c => c is >= '\x21' and <= '\x7E' and not '"' and not '\\');
}
