using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ProcessorGateway.Server.Tests.Hosting;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Support;

/// <summary>
/// Settings for a gateway outside Development, with every file it requires written to a directory of the test's own:
/// token and key-ring certificates, TLS, and the bootstrap operator's public key (its private half in <see cref="Operator"/>).
/// </summary>
internal sealed class ProductionSettings : IDisposable
{
    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("pg-certs-").FullName;

    public ClientKey Operator { get; } = ClientKey.CreateEcdsa();

    public string Directory => _directory;

    /// <summary>The test servers and this class's databases, free ports: what even a failing start needs.</summary>
    public static Dictionary<string, string?> Base(Type testClass)
    {
        var database = TestServers.DatabaseFor(testClass);
        return new Dictionary<string, string?>
        {
            ["Gateway:Mongo:ConnectionString"] = TestServers.MongoConnectionString,
            ["Gateway:Mongo:Database"] = database,
            ["Gateway:Mongo:KeyVaultDatabase"] = database + "_kv",
            ["Gateway:Mongo:LedgerDatabase"] = database + "_ledger",
            ["Gateway:Listen:GrpcPort"] = "0",
            ["Gateway:Listen:HttpPort"] = "0",
        };
    }

    /// <summary>Everything a production start needs, the bootstrap operator with its public key included.</summary>
    public Dictionary<string, string?> Complete(Type testClass)
    {
        var settings = Base(testClass);
        settings["Gateway:Auth:SigningCertificatePath"] = WriteCertificate("signing", X509KeyUsageFlags.DigitalSignature);
        settings["Gateway:Auth:EncryptionCertificatePath"] = WriteCertificate("encryption", X509KeyUsageFlags.KeyEncipherment);
        settings["Gateway:KeyRing:CertificatePath"] = WriteCertificate("keyring", X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment);
        (settings["Gateway:Listen:TlsCertificatePath"], settings["Gateway:Listen:TlsKeyPath"]) = TestTls.WritePem(_directory);
        settings["Gateway:Auth:BootstrapOperator:ClientId"] = GatewayFixture.OperatorClientId;
        settings["Gateway:Auth:BootstrapOperator:PublicKeyPath"] = Operator.WritePublicKey(_directory);
        return settings;
    }

    public void Dispose()
    {
        Operator.Dispose();
        System.IO.Directory.Delete(_directory, recursive: true);
    }

    private string WriteCertificate(string name, X509KeyUsageFlags usage)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN=ProcessorGateway test {name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var path = Path.Combine(_directory, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12));
        return path;
    }
}
