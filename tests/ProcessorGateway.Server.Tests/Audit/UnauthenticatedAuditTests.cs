using Microsoft.Extensions.DependencyInjection;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Core.Audit;
using ProcessorGateway.Server.Audit;
using ProcessorGateway.Server.Tests.Auth;
using ProcessorGateway.Server.Tests.Http;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Storage.Mongo.Audit;
using ProcessorGateway.Testing;
using AuditOutcome = ProcessorGateway.Contracts.V1.AuditOutcome;

namespace ProcessorGateway.Server.Tests.Audit;

/// <summary>
/// Through a real gateway: refusals of callers that did not authenticate are audited as counted aggregates per source,
/// action and reason, so a flood leaves a bounded number of events, the first of each visible at once; authenticated
/// calls keep one event each. Each test calls from a loopback address of its own (<see cref="LoopbackSource"/>), and
/// the counts are written when the test flushes them (the gateway's own interval is an hour).
/// </summary>
public sealed class UnauthenticatedAuditTests(HourlyFlushGateway gateway) : IClassFixture<HourlyFlushGateway>
{
    private const int Flood = 100;

    [Fact]
    public async Task A_hundred_garbage_token_calls_leave_two_events_the_first_at_once_and_one_counting_the_other_ninety_nine()
    {
        using var source = new LoopbackSource(gateway);
        var first = AuditedCalls.NewTraceId();

        await source.RefusedGetAsync("garbage." + Guid.NewGuid().ToString("N"), first);
        var atOnce = Assert.Single(await source.EventsAsync());
        for (var i = 1; i < Flood; i++)
        {
            await source.RefusedGetAsync("garbage." + Guid.NewGuid().ToString("N"), AuditedCalls.NewTraceId());
        }

        var beforeFlush = await source.EventsAsync();
        await FlushAsync(gateway);
        var events = await source.EventsAsync();

        Assert.Equal((first, 1L, RefusalReasons.InvalidToken, "anonymous"), (atOnce.TraceId, atOnce.Count, atOnce.Reason, atOnce.Actor));
        Assert.Equal([atOnce.EventId], beforeFlush.Select(e => e.EventId));
        Assert.Equal([1L, Flood - 1L], events.Select(e => e.Count));
        Assert.All(events, e => Assert.Equal(("anonymous", "RecordService.GetRecord", AuditOutcome.Denied, "Unauthenticated", RefusalReasons.InvalidToken),
            (e.Actor, e.Action, e.Outcome, e.Status, e.Reason)));
        Assert.All(events.Skip(1), e => Assert.Equal((string.Empty, string.Empty), (e.TraceId, e.UserAgent)));
        Assert.True((await new AuditService.AuditServiceClient(gateway.Channel).VerifyAuditChainAsync(new VerifyAuditChainRequest { OperatorChain = true }).Within()).Intact);
    }

    [Fact]
    public async Task A_hundred_wrong_secret_token_requests_leave_a_bounded_number_of_events_whose_counts_sum_to_a_hundred()
    {
        var world = await AuthWorld.ForAsync(gateway);
        var client = await world.NewClientAsync(world.TenantA, [Scopes.AuditRead]);
        using var source = new LoopbackSource(gateway);

        var answers = new List<System.Net.HttpStatusCode>();
        foreach (var batch in Enumerable.Range(0, Flood).Chunk(4))
        {
            answers.AddRange(await Task.WhenAll(batch.Select(_ => source.RequestTokenAsync(client.ClientId, "not-the-secret-0123456789"))));
        }

        var atOnce = Assert.Single(await source.EventsAsync());
        await FlushAsync(gateway);
        var events = await source.EventsAsync();

        Assert.DoesNotContain(System.Net.HttpStatusCode.OK, answers);
        Assert.Equal(("unverified:" + client.ClientId, "TokenEndpoint.Token", "invalid_client", 1L), (atOnce.Actor, atOnce.Action, atOnce.Reason, atOnce.Count));

        // The first at once and one count per reason the endpoint gave: invalid_client, and rate_limited once a limit applies.
        Assert.InRange(events.Count, 2, 3);
        Assert.Equal(Flood, events.Sum(e => e.Count));
        Assert.All(events, e => Assert.Equal(("TokenEndpoint.Token", AuditOutcome.Denied), (e.Action, e.Outcome)));
        Assert.Empty(await AuditedCalls.ReadAllAsync(client.Channel, world.TenantA, "unverified:" + client.ClientId));
    }

    [Fact]
    public async Task Distinct_sources_and_reasons_each_get_an_event_of_their_own_at_once()
    {
        var world = await AuthWorld.ForAsync(gateway);
        var expired = TokenForge.Expired(await world.OperatorTokenAsync(), TokenForge.ServerSigningCredentials(gateway), TimeSpan.FromMinutes(10));
        using var one = new LoopbackSource(gateway);
        using var other = new LoopbackSource(gateway);
        var calls = new (LoopbackSource Source, string? Token, string Reason, string Trace)[]
        {
            (one, null, RefusalReasons.MissingToken, AuditedCalls.NewTraceId()),
            (one, "garbage", RefusalReasons.InvalidToken, AuditedCalls.NewTraceId()),
            (one, expired, RefusalReasons.ExpiredToken, AuditedCalls.NewTraceId()),
            (other, "garbage", RefusalReasons.InvalidToken, AuditedCalls.NewTraceId()),
        };

        foreach (var (source, token, _, trace) in calls)
        {
            await source.RefusedGetAsync(token, trace);
        }

        foreach (var (source, _, reason, trace) in calls)
        {
            var found = Assert.Single(await source.EventsAsync(), e => e.TraceId == trace);
            Assert.Equal((reason, 1L, source.Address.ToString()), (found.Reason, found.Count, found.ClientIp));
        }

        Assert.Equal(3, (await one.EventsAsync()).Count);
        Assert.Single(await other.EventsAsync());
    }

    [Fact]
    public async Task Refused_calls_of_an_authenticated_client_are_still_audited_one_by_one()
    {
        var (tenant, client) = await WriterTenant.CreateAsync(gateway);
        var traces = Enumerable.Range(0, 20).Select(_ => AuditedCalls.NewTraceId()).ToList();

        foreach (var trace in traces)
        {
            await RpcAssert.FailsAsync(global::Grpc.Core.StatusCode.PermissionDenied, () => new RecordService.RecordServiceClient(client.Channel)
                .GetRecordAsync(new GetRecordRequest { TenantId = tenant, Collection = "students", RecordId = "stu-1", Purpose = "fees" }, AuditedCalls.Traced(trace))
                .ResponseAsync);
        }

        var events = await AuditedCalls.ReadAllAsync(gateway.Channel, tenant, client.ClientId);
        Assert.All(traces, trace =>
        {
            var found = Assert.Single(events, e => e.TraceId == trace);
            Assert.Equal((AuditOutcome.Denied, "PermissionDenied", 1L, string.Empty), (found.Outcome, found.Status, found.Count, found.Reason));
        });
    }

    [Fact]
    public async Task Counts_still_pending_when_the_gateway_stops_are_written_before_it_stops()
    {
        var hourly = new HourlyFlushGateway();
        await hourly.InitializeAsync();
        using var source = new LoopbackSource(hourly);
        try
        {
            for (var i = 0; i < 10; i++)
            {
                await source.RefusedGetAsync(null, AuditedCalls.NewTraceId());
            }

            Assert.Single(await source.EventsAsync());
        }
        finally
        {
            await hourly.DisposeAsync();
        }

        var stored = (await hourly.MongoDatabase.GetCollection<BsonDocument>(AuditStore.Blocks).Find(new BsonDocument("c", AuditChains.Operator)).ToListAsync())
            .SelectMany(b => b["e"].AsBsonArray.Select(e => e.AsBsonDocument))
            .Where(e => e.GetValue("ip", BsonNull.Value) == source.Address.ToString())
            .ToList();
        Assert.Equal(2, stored.Count);
        Assert.Equal(10L, stored.Sum(e => e.GetValue("n", 1L).ToInt64()));
        Assert.All(stored, e => Assert.Equal(RefusalReasons.MissingToken, e["rs"].AsString));
    }

    [Fact]
    public async Task The_flush_job_writes_the_counts_when_the_interval_ends()
    {
        var fast = new PerSecondFlushGateway();
        await fast.InitializeAsync();
        try
        {
            using var source = new LoopbackSource(fast);
            for (var i = 0; i < 5; i++)
            {
                await source.RefusedGetAsync("garbage", AuditedCalls.NewTraceId());
            }

            var deadline = DateTime.UtcNow + RpcAssert.Timeout;
            while ((await source.EventsAsync()).Sum(e => e.Count) < 5)
            {
                Assert.True(DateTime.UtcNow < deadline, "the counted refusals were not written within the timeout");
                await Task.Delay(200);
            }

            Assert.Equal(5L, (await source.EventsAsync()).Sum(e => e.Count));
        }
        finally
        {
            await fast.DisposeAsync();
        }
    }

    internal static Task FlushAsync(GatewayFixture gateway) =>
        gateway.Services.GetRequiredService<UnauthenticatedRefusalRecorder>().FlushAsync(CancellationToken.None).WaitAsync(RpcAssert.Timeout);

    private sealed class PerSecondFlushGateway : GatewayFixture
    {
        protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?> { ["Gateway:Audit:UnauthenticatedInterval"] = "00:00:01" };
    }
}
