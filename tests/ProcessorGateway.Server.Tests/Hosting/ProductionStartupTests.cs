using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Server.Hosting;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Hosting;

public sealed class ProductionStartupTests : IDisposable
{
    private readonly Support.ProductionSettings _production = new();

    [Fact]
    public async Task Production_without_certificates_refuses_to_start_naming_each_setting()
    {
        await using var app = GatewayApplication.Create([], b => b.Configuration.AddInMemoryCollection(BaseSettings()), Environments.Production);

        // One OptionsValidationException per options class; several arrive together as an AggregateException.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync().WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.True(error is OptionsValidationException || (error is AggregateException all && all.InnerExceptions.All(e => e is OptionsValidationException)), error.ToString());

        Assert.Contains("Gateway:Auth:SigningCertificatePath is required outside Development", error.Message, StringComparison.Ordinal);
        Assert.Contains("Gateway:Auth:EncryptionCertificatePath is required outside Development", error.Message, StringComparison.Ordinal);
        Assert.Contains("Gateway:KeyRing:CertificatePath is required outside Development", error.Message, StringComparison.Ordinal);
        Assert.Contains("Gateway:Listen:TlsCertificatePath and Gateway:Listen:TlsKeyPath are required outside Development", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_ring_is_stored_encrypted_by_the_configured_certificate()
    {
        var settings = ProductionSettings();
        await using var app = GatewayApplication.Create([], b => b.Configuration.AddInMemoryCollection(settings), Environments.Production);
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        try
        {
            var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
            Assert.Equal("x", protector.Unprotect(protector.Protect("x")));

            var keys = await new MongoClient(TestServers.MongoConnectionString).GetDatabase(settings["Gateway:Mongo:KeyVaultDatabase"])
                .GetCollection<BsonDocument>("dataprotection_keys").Find(FilterDefinition<BsonDocument>.Empty).ToListAsync();
            var xml = Assert.Single(keys)["xml"].AsString;
            Assert.Contains("EncryptedXml", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task Production_serves_grpc_json_and_tokens_over_tls_only()
    {
        var settings = ProductionSettings();
        await using var app = GatewayApplication.Create([], b => b.Configuration.AddInMemoryCollection(settings), Environments.Production);
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        try
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
            Assert.All(addresses, a => Assert.Equal("https", a.Scheme));
            using var tls = TestTls.TrustingOnly(settings["Gateway:Listen:TlsCertificatePath"]!);
            using var client = new HttpClient(tls.Handler(), disposeHandler: false);
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = "x", ["client_secret"] = "y" });

            using var response = await client.PostAsync(new Uri(addresses[1], "/connect/token"), form);

            // Over TLS the token endpoint judges the client (unknown here), no longer the transport.
            Assert.Contains("invalid_client", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var grpc = global::Grpc.Net.Client.GrpcChannel.ForAddress(addresses[0], new global::Grpc.Net.Client.GrpcChannelOptions { HttpHandler = tls.Handler() });
            var health = await new global::Grpc.Health.V1.Health.HealthClient(grpc).CheckAsync(new global::Grpc.Health.V1.HealthCheckRequest()).ResponseAsync.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, health.Status);

            // With TLS the gRPC port speaks HTTP/1.1 too (ALPN), so the JSON API is served there as on the HTTP port.
            foreach (var address in addresses.Take(2))
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address, "/v1/schema-templates"))
                {
                    Version = System.Net.HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                };
                using var json = await client.SendAsync(request);
                Assert.Equal(System.Net.HttpStatusCode.Unauthorized, json.StatusCode);
                Assert.Contains("\"code\":16", await json.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            // Cleartext to a TLS listener gets nowhere.
            using var plain = new HttpClient();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => plain.GetAsync(new UriBuilder(addresses[1]) { Scheme = "http" }.Uri));
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task Production_reflection_answers_only_a_caller_with_a_token()
    {
        var settings = ProductionSettings();
        await using var app = GatewayApplication.Create([], b => b.Configuration.AddInMemoryCollection(settings), Environments.Production);
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        try
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
            using var tls = TestTls.TrustingOnly(settings["Gateway:Listen:TlsCertificatePath"]!);
            using var grpc = global::Grpc.Net.Client.GrpcChannel.ForAddress(addresses[0], new global::Grpc.Net.Client.GrpcChannelOptions { HttpHandler = tls.Handler() });
            var token = await OperatorTokenAsync(tls, new Uri(addresses[1], "/connect/token"));

            await RpcAssert.FailsAsync(global::Grpc.Core.StatusCode.Unauthenticated, () => ReflectionProbe.ListServicesAsync(grpc));
            var services = await ReflectionProbe.ListServicesAsync(grpc, new global::Grpc.Core.Metadata { { "authorization", "Bearer " + token } });
            Assert.Contains("processorgateway.v1.RecordService", services);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task Production_process_with_bad_settings_exits_non_zero_naming_each_setting()
    {
        var settings = ProductionSettings();
        settings["ASPNETCORE_ENVIRONMENT"] = "Production";
        settings["Gateway:Listen:TlsKeyPath"] = Path.Combine(_production.Directory, "missing.key");
        settings["Gateway:Metrics:Port"] = "70000";

        var (exitCode, output) = await GatewayProcess.RunUntilExitAsync(settings);

        Assert.Equal(GatewayProgram.ConfigurationError, exitCode);
        Assert.Contains("Gateway:Listen:TlsKeyPath names a file that does not exist", output, StringComparison.Ordinal);
        Assert.Contains("Gateway:Metrics:Port must be 0-65535", output, StringComparison.Ordinal);
        Assert.Contains("ProcessorGateway cannot start: invalid configuration.", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Gateway:Mongo:ConnectionString", "", "Gateway:Mongo:ConnectionString is required (environment variable Gateway__Mongo__ConnectionString)")]
    [InlineData("Gateway:KeyCache:Capacity", "0", "Gateway:KeyCache:Capacity must be at least 1.")]
    [InlineData("Gateway:Backups:RecordBackupRetention", "ninety days", "Gateway:Backups:RecordBackupRetention is not a valid System.TimeSpan.")]
    [InlineData("Gateway:Erasure:GracePeriod", "00:00:00", "Gateway:Erasure:GracePeriod must be more than zero and at most one day (1.00:00:00).")]
    [InlineData("Gateway:Erasure:GracePeriod", "1.00:00:01", "Gateway:Erasure:GracePeriod must be more than zero and at most one day (1.00:00:00).")]
    [InlineData("Gateway:Audit:Retention", "29.00:00:00", "Gateway:Audit:Retention must be between 30 days and 3650 days (10 years).")]
    [InlineData("Gateway:Audit:Retention", "3651.00:00:00", "Gateway:Audit:Retention must be between 30 days and 3650 days (10 years).")]
    [InlineData("Gateway:Audit:RetentionInterval", "00:00:30", "Gateway:Audit:RetentionInterval must be between 1 minute and 1 day.")]
    [InlineData("Gateway:Audit:UnauthenticatedInterval", "00:00:00", "Gateway:Audit:UnauthenticatedInterval must be more than 0 and at most 1 hour.")]
    [InlineData("Gateway:Audit:UnauthenticatedInterval", "01:00:01", "Gateway:Audit:UnauthenticatedInterval must be more than 0 and at most 1 hour.")]
    [InlineData("Gateway:Audit:UnauthenticatedMaxSources", "0", "Gateway:Audit:UnauthenticatedMaxSources must be between 1 and 1000000.")]
    public async Task Production_process_with_one_bad_setting_exits_non_zero_naming_it(string setting, string value, string expected)
    {
        var settings = ProductionSettings();
        settings["ASPNETCORE_ENVIRONMENT"] = "Production";
        settings[setting] = value;

        var (exitCode, output) = await GatewayProcess.RunUntilExitAsync(settings);

        Assert.Equal(GatewayProgram.ConfigurationError, exitCode);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.Contains("ProcessorGateway cannot start: invalid configuration.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ninety days", output, StringComparison.Ordinal);
    }

    public void Dispose() => _production.Dispose();

    private static Dictionary<string, string?> BaseSettings() => Support.ProductionSettings.Base(typeof(ProductionStartupTests));

    private Dictionary<string, string?> ProductionSettings() => _production.Complete(typeof(ProductionStartupTests));

    private async Task<string> OperatorTokenAsync(TestTls tls, Uri tokenEndpoint)
    {
        using var client = new HttpClient(tls.Handler(), disposeHandler: false);
        using var form = new FormUrlEncodedContent(ClientKey.Form(_production.Operator.Assertion(GatewayFixture.OperatorClientId, tokenEndpoint)));
        using var response = await client.PostAsync(tokenEndpoint, form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"token request failed: {(int)response.StatusCode} {body}");
        using var json = System.Text.Json.JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }
}
