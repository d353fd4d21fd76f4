using Microsoft.Extensions.Options;

namespace ProcessorGateway.Server.Auth;

/// <summary>Outside Development the token keys must come from configuration; the gateway refuses to start without them.</summary>
internal sealed class GatewayAuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<GatewayAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayAuthOptions options)
    {
        var failures = new List<string>();
        if (!options.Issuer.IsAbsoluteUri)
        {
            failures.Add("Gateway:Auth:Issuer must be an absolute URI.");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add("Gateway:Auth:Audience is required.");
        }

        if (options.AccessTokenLifetime < TimeSpan.FromSeconds(30) || options.AccessTokenLifetime > TimeSpan.FromHours(1))
        {
            failures.Add("Gateway:Auth:AccessTokenLifetime must be between 30 seconds and 1 hour.");
        }

        if (!environment.IsDevelopment())
        {
            RequireFile(options.SigningCertificatePath, "Gateway:Auth:SigningCertificatePath", failures);
            RequireFile(options.EncryptionCertificatePath, "Gateway:Auth:EncryptionCertificatePath", failures);
        }

        var bootstrap = options.BootstrapOperator;
        if (!string.IsNullOrEmpty(bootstrap.ClientId) && (bootstrap.Secret is null || bootstrap.Secret.Length < 32))
        {
            failures.Add("Gateway:Auth:BootstrapOperator:Secret must be at least 32 characters when Gateway:Auth:BootstrapOperator:ClientId is set.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequireFile(string? path, string setting, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            failures.Add($"{setting} is required outside Development: mount the certificate from a Kubernetes Secret and name the file.");
        }
        else if (!File.Exists(path))
        {
            failures.Add($"{setting} names a file that does not exist.");
        }
    }
}
