using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MongoDB.Driver;
using ProcessorGateway.Server.Hosting;
using ProcessorGateway.Storage.Mongo;
using Xunit;

namespace ProcessorGateway.Testing;

/// <summary>
/// A real gateway (Kestrel, HTTP/2 on a free loopback port) against the test MongoDB, with databases of
/// its own. One per test class: derive a sealed class naming the class, or use it as an IClassFixture.
/// </summary>
public class GatewayFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public GatewayFixture()
    {
        Database = TestServers.DatabaseFor(GetType());
    }

    public string Database { get; }

    public string KeyVaultDatabase => $"{Database}_kv";

    public Uri Address { get; private set; } = null!;

    public GrpcChannel Channel { get; private set; } = null!;

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("the gateway is not started");

    /// <summary>The raw database, for tests that look at what is actually stored.</summary>
    public IMongoDatabase MongoDatabase => new MongoClient(TestServers.MongoConnectionString).GetDatabase(Database);

    public IMongoDatabase MongoKeyVaultDatabase => new MongoClient(TestServers.MongoConnectionString).GetDatabase(KeyVaultDatabase);

    protected virtual IDictionary<string, string?> Settings() => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Mongo:ConnectionString"] = TestServers.MongoConnectionString,
            ["Mongo:Database"] = Database,
            ["Mongo:KeyVaultDatabase"] = KeyVaultDatabase,
            ["Gateway:Listen:Address"] = "127.0.0.1",
            ["Gateway:Listen:GrpcPort"] = "0",
        };
        foreach (var (key, value) in Settings())
        {
            settings[key] = value;
        }

        _app = GatewayApplication.Create([], builder =>
        {
            builder.Environment.EnvironmentName = Environments.Production;
            builder.Configuration.AddInMemoryCollection(settings);
        });
        await _app.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address);
        Channel = GrpcChannel.ForAddress(Address);
    }

    public async Task DisposeAsync()
    {
        Channel?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await _app.DisposeAsync();
        }
    }
}
