using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ProcessorGateway.Server.Tests.Hosting;

/// <summary>A throwaway server certificate as PEM files (as a Kubernetes TLS Secret mounts them), and clients that trust exactly it.</summary>
internal sealed class TestTls : IDisposable
{
    private readonly X509Certificate2 _trusted;

    private TestTls(X509Certificate2 trusted)
    {
        _trusted = trusted;
    }

    public static (string Certificate, string Key) WritePem(string directory)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certificatePath = Path.Combine(directory, "tls.crt");
        var keyPath = Path.Combine(directory, "tls.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }

    public static TestTls TrustingOnly(string certificatePemPath)
    {
        var pem = File.ReadAllText(certificatePemPath);
        var fields = PemEncoding.Find(pem);
        return new(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(pem[fields.Base64Data])));
    }

    /// <summary>Accepts the server's certificate only if it is the one written above.</summary>
    public HttpMessageHandler Handler() => new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == _trusted.GetCertHashString() },
    };

    public void Dispose() => _trusted.Dispose();
}
