using System.Net;
using Microsoft.Extensions.Options;

namespace ProcessorGateway.Server.Hosting;

/// <summary>Each allowed origin is one exact https origin (http on loopback in Development only).</summary>
internal sealed class GatewayCorsOptionsValidator(IHostEnvironment environment) : IValidateOptions<GatewayCorsOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayCorsOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.AllowedOrigins.Count; i++)
        {
            var problem = Problem(options.AllowedOrigins[i]);
            if (problem is not null)
            {
                failures.Add($"{GatewayCorsOptions.SectionName}:AllowedOrigins:{i} {problem}");
            }
        }

        if (options.PreflightMaxAge < TimeSpan.Zero || options.PreflightMaxAge > TimeSpan.FromHours(24))
        {
            failures.Add($"{GatewayCorsOptions.SectionName}:PreflightMaxAge must be between 0 and 24 hours.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private string? Problem(string origin)
    {
        if (origin.Contains('*', StringComparison.Ordinal))
        {
            return "may not be a wildcard: list each origin that may call the gateway.";
        }

        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
            || uri.PathAndQuery != "/" || origin.EndsWith('/') || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return "must be an origin: scheme, host and optional port, such as https://app.example.org (no path, no trailing slash).";
        }

        var loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
        if (uri.Scheme == "http" && !(loopback && environment.IsDevelopment()))
        {
            return "must be https (http is allowed for localhost and loopback addresses in Development only).";
        }

        return null;
    }
}
