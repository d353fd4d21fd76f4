using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Clients;
using ProcessorGateway.Core.Errors;

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

        CheckBootstrapOperator(options.BootstrapOperator, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void CheckBootstrapOperator(BootstrapOperatorOptions bootstrap, List<string> failures)
    {
        const string Section = "Gateway:Auth:BootstrapOperator";
        if (string.IsNullOrEmpty(bootstrap.ClientId))
        {
            return;
        }

        var hasSecret = !string.IsNullOrEmpty(bootstrap.Secret);
        var hasKey = !string.IsNullOrEmpty(bootstrap.PublicKeyPath);
        if (hasSecret && hasKey)
        {
            failures.Add($"Give one of {Section}:Secret and {Section}:PublicKeyPath, not both.");
        }
        else if (!environment.IsDevelopment() && !hasKey)
        {
            failures.Add($"{Section}:PublicKeyPath is required outside Development when {Section}:ClientId is set: "
                + "operator clients authenticate with a key (private_key_jwt), never a shared secret.");
        }
        else if (hasKey)
        {
            CheckPublicKey(bootstrap.PublicKeyPath!, $"{Section}:PublicKeyPath", failures);
        }
        else if (bootstrap.Secret is null || bootstrap.Secret.Length < 32)
        {
            failures.Add($"{Section}:Secret must be at least 32 characters when {Section}:ClientId is set (or give {Section}:PublicKeyPath).");
        }
    }

    private static void CheckPublicKey(string path, string setting, List<string> failures)
    {
        if (!File.Exists(path))
        {
            failures.Add($"{setting} names a file that does not exist.");
            return;
        }

        try
        {
            ClientPublicKeys.Normalize(File.ReadAllText(path), setting);
        }
        catch (DomainException e)
        {
            failures.Add(e.Message);
        }
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
