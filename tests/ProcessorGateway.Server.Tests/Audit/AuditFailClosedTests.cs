using System.Collections.Concurrent;
using Grpc.Core;
using MongoDB.Driver;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Server.Tests.Auth;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Audit;

/// <summary>A gateway whose audit store is reached through a proxy the test can cut, as if it were a MongoDB server of its own.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "the proxy is disposed in DisposeAsync")]
public sealed class CuttableAuditGateway : GatewayFixture, IAsyncLifetime
{
    private LoopbackTcpProxy? _proxy;

    public LoopbackTcpProxy AuditStoreLink => _proxy ?? throw new InvalidOperationException("the gateway is not started");

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }
    }

    protected override IDictionary<string, string?> Settings()
    {
        var server = MongoUrl.Create(TestServers.MongoConnectionString).Server;
        _proxy ??= new LoopbackTcpProxy(server.Host, server.Port);
        return new Dictionary<string, string?>
        {
            ["Gateway:Audit:ConnectionString"] = $"mongodb://127.0.0.1:{_proxy.Port}/?directConnection=true",
            ["Gateway:Audit:Database"] = $"{Database}_audit",
            ["Gateway:Audit:Timeout"] = "00:00:01",
        };
    }
}

public sealed class AuditFailClosedTests(CuttableAuditGateway gateway) : IClassFixture<CuttableAuditGateway>
{
    [Fact]
    public async Task With_the_audit_store_cut_mid_load_reads_fail_unavailable_and_none_succeeds_without_its_event()
    {
        var world = await AuthWorld.ForAsync(gateway);
        var tenant = await StudentRecords.CreateTenantWithTemplatesAsync(world.Operator, ["students"]);
        await world.Operator.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-1", "Ada Lovelace", "ada@example.org", DateTimeOffset.UnixEpoch)).Within();
        var reader = await world.NewClientAsync(tenant, [Scopes.RecordsRead, Scopes.AuditRead]);
        var outcomes = new ConcurrentBag<(string Trace, StatusCode Status)>();
        using var stop = new CancellationTokenSource();

        var load = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var trace = AuditedCalls.NewTraceId();
                try
                {
                    await reader.Clients.Records.GetRecordAsync(
                        new GetRecordRequest { TenantId = tenant, Collection = "students", RecordId = "stu-1", Purpose = "administration" }, AuditedCalls.Traced(trace));
                    outcomes.Add((trace, StatusCode.OK));
                }
                catch (RpcException e)
                {
                    outcomes.Add((trace, e.StatusCode));
                }
            }
        })).ToList();

        await WaitForAsync(() => outcomes.Count(o => o.Status == StatusCode.OK) >= 30, "reads succeed before the cut");
        gateway.AuditStoreLink.Cut();
        var atCut = outcomes.Count;
        await WaitForAsync(() => outcomes.Count(o => o.Status == StatusCode.Unavailable) >= 10, "reads fail while the audit store is cut");
        var tokenDuringCut = await Xunit.Record.ExceptionAsync(() => gateway.GetTokenAsync(reader.ClientId, reader.Secret));
        gateway.AuditStoreLink.Restore();
        var atRestore = outcomes.Count;
        await WaitForAsync(() => outcomes.Count >= atRestore + 30 && outcomes.Count(o => o.Status == StatusCode.OK) > atCut, "reads succeed again once it is back");
        await stop.CancelAsync();
        await Task.WhenAll(load).WaitAsync(RpcAssert.Timeout);

        Assert.All(outcomes, o => Assert.True(o.Status is StatusCode.OK or StatusCode.Unavailable, $"a read ended {o.Status}"));
        Assert.Contains("temporarily_unavailable", tokenDuringCut?.Message ?? "no error: a token was issued without its audit event", StringComparison.Ordinal);
        var audited = (await AuditedCalls.ReadAllAsync(reader.Channel, tenant))
            .Where(e => e.Action == "RecordService.GetRecord" && e.Status == "OK").Select(e => e.TraceId).ToHashSet(StringComparer.Ordinal);
        var unaudited = outcomes.Where(o => o.Status == StatusCode.OK && !audited.Contains(o.Trace)).ToList();
        Assert.True(unaudited.Count == 0, $"{unaudited.Count} of {outcomes.Count(o => o.Status == StatusCode.OK)} successful reads have no audit event");
        var verified = await reader.Clients.Audit.VerifyAuditChainAsync(new VerifyAuditChainRequest { TenantId = tenant }).Within();
        Assert.True(verified.Intact, verified.FirstBreak?.Detail);
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(50);
        }
    }
}
