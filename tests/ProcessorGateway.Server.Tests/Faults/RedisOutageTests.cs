using Grpc.Health.V1;
using System.Collections.Concurrent;
using Grpc.Core;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;

namespace ProcessorGateway.Server.Tests.Faults;

public sealed class RedisOutageTests(RedisBehindProxyGateway gateway) : IClassFixture<RedisBehindProxyGateway>
{
    private readonly GrpcTestClients _clients = new(gateway.Channel);

    [Fact]
    public async Task No_call_fails_while_Redis_is_away_and_after_it_returns()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-0", "Ada", "ada@example.org", DateTimeOffset.UnixEpoch)).Within();

        var failures = new ConcurrentQueue<string>();
        var calls = 0;
        using var stop = new CancellationTokenSource();
        var callers = Enumerable.Range(0, 4).Select(c => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                try
                {
                    var read = await _clients.Records.GetRecordAsync(new GetRecordRequest { TenantId = tenant, Collection = "students", RecordId = "stu-0", Purpose = StudentRecords.Purpose }).Within();
                    Assert.Equal("Ada", read.Fields["full_name"].StringValue);
                    await _clients.Records.PutRecordAsync(StudentRecords.Student(tenant, $"stu-{c}-{n}", "Bo", "bo@example.org", DateTimeOffset.UnixEpoch)).Within();
                    Interlocked.Add(ref calls, 2);
                }
                catch (RpcException e)
                {
                    failures.Enqueue($"{e.StatusCode}: {e.Status.Detail}");
                }

                await Task.Delay(20);
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(1));
        gateway.Proxy.Cut();
        var duringCut = Volatile.Read(ref calls);
        await Task.Delay(TimeSpan.FromSeconds(6));
        Assert.True(Volatile.Read(ref calls) > duringCut, "no call completed while Redis was away");
        var health = new Health.HealthClient(gateway.AnonymousChannel);
        await UntilAsync(async () => (await health.CheckAsync(new HealthCheckRequest { Service = "redis" }).Within()).Status == HealthCheckResponse.Types.ServingStatus.NotServing,
            "health service redis says NOT_SERVING while Redis is away");
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest { Service = "readiness" }).Within()).Status);
        gateway.Proxy.Restore();
        await Task.Delay(TimeSpan.FromSeconds(3));
        await UntilAsync(async () => (await health.CheckAsync(new HealthCheckRequest { Service = "redis" }).Within()).Status == HealthCheckResponse.Types.ServingStatus.Serving,
            "health service redis says SERVING once Redis is back");
        await stop.CancelAsync();
        await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(failures.IsEmpty, $"{failures.Count} call(s) failed: {string.Join(" | ", failures.Take(3))}");
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(200);
        }
    }
}
