using ProcessorGateway.Core.Configuration;

namespace ProcessorGateway.Server.Auth;

/// <summary>Bound from <c>Gateway:Auth</c>.</summary>
public sealed class GatewayAuthOptions
{
    public const string SectionName = GatewaySections.Auth;

    /// <summary>The issuer named in every token (<c>iss</c>); an identifier, checked on every call.</summary>
    public Uri Issuer { get; set; } = new("https://processorgateway.local/");

    /// <summary>The audience named in every token (<c>aud</c>); tokens for anything else are refused.</summary>
    public string Audience { get; set; } = "processorgateway";

    /// <summary>Short, so that a leaked token is worth little; clients refresh before expiry.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>PKCS#12 file with the token signing key (a Kubernetes Secret mounted as a file). Required outside Development.</summary>
    public string? SigningCertificatePath { get; set; }

    public string? SigningCertificatePassword { get; set; }

    /// <summary>PKCS#12 file with the token encryption key. Required outside Development.</summary>
    public string? EncryptionCertificatePath { get; set; }

    public string? EncryptionCertificatePassword { get; set; }

    /// <summary>An operator client the gateway makes sure exists at start-up, e.g. from a Kubernetes Secret.</summary>
    public BootstrapOperatorOptions BootstrapOperator { get; set; } = new();
}
