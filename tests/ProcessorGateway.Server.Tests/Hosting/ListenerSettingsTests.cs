using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Time.Testing;
using ProcessorGateway.Server.Hosting;

namespace ProcessorGateway.Server.Tests.Hosting;

public sealed class ListenerSettingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pg-tls-").FullName;

    [Fact]
    public void Development_on_loopback_without_tls_is_allowed()
    {
        var result = Validate(Environments.Development, new GatewayListenOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public void A_non_loopback_address_without_tls_is_refused_naming_the_settings(string environment)
    {
        var result = Validate(environment, new GatewayListenOptions { Address = "0.0.0.0" });

        Assert.True(result.Failed);
        Assert.Contains("Gateway:Listen:Address may be a non-loopback address only with TLS", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_requires_tls_even_on_loopback()
    {
        var result = Validate(Environments.Production, new GatewayListenOptions());

        Assert.Contains("Gateway:Listen:TlsCertificatePath and Gateway:Listen:TlsKeyPath are required outside Development", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_with_tls_files_may_listen_on_every_address()
    {
        var (certificate, key) = TestTls.WritePem(_directory);

        var result = Validate(Environments.Production, new GatewayListenOptions { Address = "0.0.0.0", TlsCertificatePath = certificate, TlsKeyPath = key, HealthPort = 8081 });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Renewed_certificate_files_are_picked_up_without_a_restart()
    {
        var (certificatePath, keyPath) = TestTls.WritePem(_directory);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var source = new TlsCertificateSource(certificatePath, keyPath, time);
        var first = source.Current.Thumbprint;

        // As a renewed Kubernetes Secret does: new files, a later modification time.
        var renewed = Directory.CreateTempSubdirectory("pg-tls-renewed-").FullName;
        var (newCertificate, newKey) = TestTls.WritePem(renewed);
        File.Copy(newCertificate, certificatePath, overwrite: true);
        File.Copy(newKey, keyPath, overwrite: true);
        File.SetLastWriteTimeUtc(certificatePath, DateTime.UtcNow.AddMinutes(1));
        Directory.Delete(renewed, recursive: true);

        Assert.Equal(first, source.Current.Thumbprint);
        time.Advance(TimeSpan.FromSeconds(31));
        Assert.NotEqual(first, source.Current.Thumbprint);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(string environment, GatewayListenOptions options) =>
        new GatewayListenOptionsValidator(new HostingEnvironment { EnvironmentName = environment }).Validate(null, options);
}
