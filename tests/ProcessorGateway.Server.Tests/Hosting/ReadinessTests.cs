using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using MongoDB.Driver;
using ProcessorGateway.Testing;
using static Grpc.Health.V1.HealthCheckResponse.Types;

namespace ProcessorGateway.Server.Tests.Hosting;

/// <summary>The gateway reaches MongoDB through a proxy this test cuts and restores.</summary>
public sealed class ReadinessTests : IAsyncLifetime, IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private LoopbackTcpProxy _proxy = null!;
    private GatewayReplica _gateway = null!;
    private GrpcChannel _health = null!;
    private int _disposed;

    public async Task InitializeAsync()
    {
        var mongo = new MongoUrl(TestServers.MongoConnectionString);
        _proxy = new LoopbackTcpProxy(mongo.Server.Host, mongo.Server.Port);
        var proxied = new MongoUrlBuilder(TestServers.MongoConnectionString) { Server = new MongoServerAddress("127.0.0.1", _proxy.Port) }.ToString();
        _gateway = new GatewayReplica(TestServers.DatabaseFor(typeof(ReadinessTests)), new Dictionary<string, string?>
        {
            ["Gateway:Mongo:ConnectionString"] = proxied,
            ["Gateway:Mongo:ServerSelectionTimeout"] = "00:00:02",
            ["Gateway:Listen:HealthPort"] = "0",
        });
        await _gateway.InitializeAsync();
        var addresses = _gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        _health = GrpcChannel.ForAddress(addresses[2]);
    }

    [Fact]
    public async Task Readiness_turns_not_serving_while_mongodb_is_cut_off_and_back_when_it_returns_while_liveness_stays_serving()
    {
        Assert.Equal(ServingStatus.Serving, await CheckAsync("readiness"));

        _proxy.Cut();
        await WaitForAsync("readiness", ServingStatus.NotServing);
        Assert.Equal(ServingStatus.Serving, await CheckAsync("liveness"));

        _proxy.Restore();
        await WaitForAsync("readiness", ServingStatus.Serving);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _health.Dispose();
        _proxy.Restore();
        await _gateway.DisposeAsync();
        await _proxy.DisposeAsync();
    }

    private async Task<ServingStatus> CheckAsync(string service) =>
        (await new Health.HealthClient(_health).CheckAsync(new HealthCheckRequest { Service = service }).ResponseAsync.WaitAsync(Deadline)).Status;

    private async Task WaitForAsync(string service, ServingStatus expected)
    {
        var until = DateTime.UtcNow + Deadline;
        var last = ServingStatus.Unknown;
        while (DateTime.UtcNow < until)
        {
            last = await CheckAsync(service);
            if (last == expected)
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"{service} stayed {last} for {Deadline.TotalSeconds} s; expected {expected}");
    }
}
