using System.Security.Cryptography.X509Certificates;
using ProcessorGateway.Server.Telemetry;

namespace ProcessorGateway.Server.Hosting;

/// <summary>
/// The listeners' certificate, read from PEM files and read again when they change: a renewed Kubernetes
/// TLS Secret (cert-manager, say) reaches the mounted files within a minute, and new connections use the
/// new certificate without a restart. Files are looked at no more than once every <see cref="CheckInterval"/>.
/// </summary>
internal sealed class TlsCertificateSource(string certificatePath, string keyPath, TimeProvider time)
{
    // Often enough to follow a rotation well before the old certificate expires; rarely enough to cost nothing per handshake.
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private X509Certificate2? _current;
    private DateTime _loadedWriteTime;
    private DateTimeOffset _nextCheck;

    public X509Certificate2 Current
    {
        get
        {
            lock (_gate)
            {
                var now = time.GetUtcNow();
                if (_current is not null && now < _nextCheck)
                {
                    return _current;
                }

                _nextCheck = now + CheckInterval;
                var writeTime = LastWrite();
                if (_current is null || writeTime != _loadedWriteTime)
                {
                    // Kestrel may still be using the old one for a handshake in progress: it is left to the collector.
                    _current = Load();
                    _loadedWriteTime = writeTime;
                }

                return _current;
            }
        }
    }

    private DateTime LastWrite() => new[] { File.GetLastWriteTimeUtc(certificatePath), File.GetLastWriteTimeUtc(keyPath) }.Max();

    private X509Certificate2 Load()
    {
        using var pem = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        // Re-imported so the private key is usable by SslStream on every platform.
        return CertificateExpiry.Track(CertificateExpiry.Tls, X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null));
    }
}
