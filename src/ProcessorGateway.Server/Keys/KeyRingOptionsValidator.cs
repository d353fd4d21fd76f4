using Microsoft.Extensions.Options;

namespace ProcessorGateway.Server.Keys;

/// <summary>Outside Development the root keys must be protected at rest; the gateway refuses to start otherwise.</summary>
internal sealed class KeyRingOptionsValidator(IHostEnvironment environment) : IValidateOptions<KeyRingOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyRingOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            return environment.IsDevelopment()
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    "Gateway:KeyRing:CertificatePath is required outside Development: the root key ring must be encrypted at rest by a certificate from a Kubernetes Secret.");
        }

        return File.Exists(options.CertificatePath)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Gateway:KeyRing:CertificatePath names a file that does not exist.");
    }
}
