using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
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
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Hosting;

public sealed class ProductionStartupTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pg-certs-").FullName;

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

            var keys = await new MongoClient(TestServers.MongoConnectionString).GetDatabase(settings["Mongo:KeyVaultDatabase"])
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
    public async Task Production_with_certificates_starts_and_refuses_token_requests_over_plain_http()
    {
        var settings = ProductionSettings();
        await using var app = GatewayApplication.Create([], b => b.Configuration.AddInMemoryCollection(settings), Environments.Production);
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        try
        {
            var http = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ElementAt(1);
            using var client = new HttpClient();
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = "x", ["client_secret"] = "y" });

            using var response = await client.PostAsync(new Uri(new Uri(http), "/connect/token"), form);

            // Outside Development the token endpoint is HTTPS only: a secret must never cross the wire in clear.
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("HTTPS", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Dictionary<string, string?> BaseSettings()
    {
        var database = TestServers.DatabaseFor(typeof(ProductionStartupTests));
        return new Dictionary<string, string?>
        {
            ["Mongo:ConnectionString"] = TestServers.MongoConnectionString,
            ["Mongo:Database"] = database,
            ["Mongo:KeyVaultDatabase"] = database + "_kv",
            ["Mongo:LedgerDatabase"] = database + "_ledger",
            ["Gateway:Listen:GrpcPort"] = "0",
            ["Gateway:Listen:HttpPort"] = "0",
        };
    }

    private Dictionary<string, string?> ProductionSettings()
    {
        var settings = BaseSettings();
        settings["Gateway:Auth:SigningCertificatePath"] = WriteCertificate("signing", X509KeyUsageFlags.DigitalSignature);
        settings["Gateway:Auth:EncryptionCertificatePath"] = WriteCertificate("encryption", X509KeyUsageFlags.KeyEncipherment);
        settings["Gateway:KeyRing:CertificatePath"] = WriteCertificate("keyring", X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment);
        return settings;
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
