using System.Security.Cryptography;
using ProcessorGateway.Core.Clients;
using ProcessorGateway.Core.Errors;

namespace ProcessorGateway.Core.Tests.Clients;

/// <summary>The public keys a client may register instead of a secret, and the one form they are kept in.</summary>
public sealed class ClientPublicKeysTests
{
    [Fact]
    public void Normalize_P256AndRsa2048_KeptAsOneSubjectPublicKeyInfoBlock()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var rsa = RSA.Create(2048);

        var ecPem = ClientPublicKeys.Normalize("\n  " + ec.ExportSubjectPublicKeyInfoPem() + "\n", "public_key_pem");
        var rsaPem = ClientPublicKeys.Normalize(rsa.ExportSubjectPublicKeyInfoPem(), "public_key_pem");

        Assert.Equal(ec.ExportSubjectPublicKeyInfoPem(), ecPem);
        Assert.Equal(rsa.ExportSubjectPublicKeyInfoPem(), rsaPem);
    }

    [Fact]
    public void Fingerprint_IsTheSha256OfTheSubjectPublicKeyInfo()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var fingerprint = ClientPublicKeys.Fingerprint(ec.ExportSubjectPublicKeyInfoPem());

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(ec.ExportSubjectPublicKeyInfo())), fingerprint);
    }

    [Fact]
    public void Normalize_WeakOtherCurvePrivateOrUnreadableKeys_InvalidArgumentNamingTheField()
    {
        using var weak = RSA.Create(1024);
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var good = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        foreach (var (pem, problem) in new[]
        {
            (weak.ExportSubjectPublicKeyInfoPem(), "RSA key of 1024 bits"),
            (p384.ExportSubjectPublicKeyInfoPem(), "EC key on P-256"),
            (good.ExportPkcs8PrivateKeyPem(), "holds a private key"),
            (good.ExportECPrivateKeyPem(), "holds a private key"),
            (weak.ExportRSAPublicKeyPem(), "'RSA PUBLIC KEY' block"),
            ("-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----", "not a readable SubjectPublicKeyInfo"),
            ("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5", "not a PEM public key"),
            (new string('A', 9_000), "not a PEM public key"),
        })
        {
            var error = Assert.Throws<DomainException>(() => ClientPublicKeys.Normalize(pem, "public_key_pem"));
            Assert.Equal((DomainErrorKind.InvalidArgument, "public_key_pem"), (error.Kind, error.Field));
            Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        }
    }
}
