using MongoDB.Driver;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Faults;

/// <summary>
/// A gateway that reaches MongoDB only through a proxy the test can cut: the development server keeps its
/// data in memory, so the connection goes away, not the server.
/// </summary>
public sealed class MongoBehindProxyGateway : GatewayFixture
{
    public MongoBehindProxyGateway()
    {
        var server = new MongoUrl(TestServers.MongoConnectionString).Server;
        Proxy = new LoopbackTcpProxy(server.Host, server.Port);
    }

    public LoopbackTcpProxy Proxy { get; }

    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Gateway:Mongo:ConnectionString"] = new MongoUrlBuilder(TestServers.MongoConnectionString) { Server = new MongoServerAddress("127.0.0.1", Proxy.Port) }.ToString(),
        ["Gateway:Mongo:ServerSelectionTimeout"] = "00:00:03",
    };

    public override async Task DisposeAsync()
    {
        Proxy.Restore();
        await base.DisposeAsync();
        await Proxy.DisposeAsync();
    }
}
