using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Security.Cryptography.X509Certificates;
using ProcessorGateway.Core.Telemetry;

namespace ProcessorGateway.Server.Telemetry;

/// <summary>
/// <c>pg.certificate.expires_in</c>: seconds until each certificate the gateway holds stops being valid, by
/// <c>certificate</c> (tls, token_signing, token_encryption, key_ring), so an alert fires weeks before an expired
/// certificate refuses every handshake or every token. Only names and dates: nothing of the certificates themselves.
/// </summary>
internal static class CertificateExpiry
{
    public const string Tls = "tls";
    public const string TokenSigning = "token_signing";
    public const string TokenEncryption = "token_encryption";
    public const string KeyRing = "key_ring";

    private static readonly ConcurrentDictionary<string, DateTimeOffset> NotAfter = new(StringComparer.Ordinal);

    private static readonly ObservableGauge<double> Gauge = GatewayMeter.Meter.CreateObservableGauge(
        "pg.certificate.expires_in", Observe, "s", "Seconds until each certificate the gateway holds expires, by certificate");

    /// <summary>Notes the certificate's expiry and hands it back, so loading and tracking stay one expression.</summary>
    public static X509Certificate2 Track(string certificate, X509Certificate2 loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        _ = Gauge;
        NotAfter[certificate] = new DateTimeOffset(loaded.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        return loaded;
    }

    private static IEnumerable<Measurement<double>> Observe()
    {
        var now = DateTimeOffset.UtcNow;
        return NotAfter.Select(c => new Measurement<double>((c.Value - now).TotalSeconds, new KeyValuePair<string, object?>("certificate", c.Key)));
    }
}
