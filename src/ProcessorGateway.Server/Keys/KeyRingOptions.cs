using ProcessorGateway.Core.Configuration;

namespace ProcessorGateway.Server.Keys;

/// <summary>Bound from <c>Gateway:KeyRing</c>: what protects the root keys (the Data Protection key ring) at rest.</summary>
public sealed class KeyRingOptions
{
    public const string SectionName = GatewaySections.KeyRing;

    /// <summary>
    /// PKCS#12 file (from a Kubernetes Secret) whose key encrypts the key ring in MongoDB. Required outside
    /// Development; a cloud KMS or HSM can replace it later through Data Protection's key encryptor.
    /// </summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}
