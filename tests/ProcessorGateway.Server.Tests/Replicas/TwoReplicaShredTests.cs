using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Replicas;

/// <summary>
/// Two gateway replicas on the same MongoDB and Redis: A hosted in the test, B a process of its own
/// that reaches Redis through a proxy the test can cut. A shred through A must hold on B from the
/// moment A replies (docs/design.md §4).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes the proxy and replicas through IAsyncLifetime.DisposeAsync")]
public sealed class TwoReplicaShredTests : IAsyncLifetime
{
    private static readonly TimeSpan LeaseLength = TimeSpan.FromSeconds(2);

    private LoopbackTcpProxy _redisForB = null!;
    private GatewayReplica _a = null!;
    private GatewayProcess _b = null!;
    private GrpcChannel _bChannel = null!;

    public async Task InitializeAsync()
    {
        var database = TestServers.DatabaseFor(typeof(TwoReplicaShredTests));
        var redis = TestServers.Redis.Split(':');
        _redisForB = new LoopbackTcpProxy(redis[0], int.Parse(redis[1], System.Globalization.CultureInfo.InvariantCulture));
        _a = new GatewayReplica(database, Settings(database, TestServers.Redis));
        await _a.InitializeAsync();
        var processSettings = GatewayFixture.SettingsFor(database);
        foreach (var (key, value) in Settings(database, $"127.0.0.1:{_redisForB.Port}"))
        {
            processSettings[key] = value;
        }

        _b = await GatewayProcess.StartAsync(processSettings);
        _bChannel = await _b.CreateChannelAsync(GatewayFixture.OperatorClientId, GatewayFixture.OperatorSecret);
        await WaitUntilBAcknowledgesAsync("B registers and acknowledges");
    }

    [Fact]
    public async Task No_read_through_B_that_starts_after_As_erase_reply_succeeds_over_200_repetitions()
    {
        var a = new GrpcTestClients(_a.Channel);
        var b = new GrpcTestClients(_bChannel);
        var tenant = await StudentRecords.CreateTenantAsync(a);
        for (var i = 0; i < 200; i++)
        {
            var record = $"stu-{i}";
            var put = StudentRecords.Student(tenant, record, $"Pupil {i}", $"pupil{i}@example.org", DateTimeOffset.UnixEpoch);
            put.SubjectId = $"subj-{i}";
            await a.Records.PutRecordAsync(put).Within();
            await b.Records.GetRecordAsync(Get(tenant, record)).Within();

            var reads = new ConcurrentBag<(long Started, bool Succeeded)>();
            var replied = long.MaxValue;
            using var stop = new CancellationTokenSource();
            var reader = Task.Run(async () =>
            {
                var afterReply = 0;
                while (afterReply < 2 && !stop.IsCancellationRequested)
                {
                    var started = Stopwatch.GetTimestamp();
                    var succeeded = await ReadSucceedsAsync(b, tenant, record);
                    reads.Add((started, succeeded));
                    if (started > Interlocked.Read(ref replied))
                    {
                        afterReply++;
                    }
                }
            });

            var erased = await a.Keys.EraseSubjectAsync(new EraseSubjectRequest { TenantId = tenant, SubjectId = $"subj-{i}", Reason = "right to erasure" }).Within();
            Interlocked.Exchange(ref replied, Stopwatch.GetTimestamp());
            stop.CancelAfter(TimeSpan.FromSeconds(30));
            await reader.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.True(erased.ReplicasAcknowledged >= 1, $"repetition {i}: B did not acknowledge ({erased.InvalidationNote})");
            var late = reads.Where(r => r.Started > replied && r.Succeeded).ToList();
            Assert.True(late.Count == 0, $"repetition {i}: {late.Count} read(s) through B started after A's reply and returned the erased data");
            Assert.Contains(reads, r => r.Started > replied);
        }
    }

    [Fact]
    public async Task When_B_cannot_hear_Redis_As_reply_waits_out_Bs_lease_and_says_so()
    {
        var a = new GrpcTestClients(_a.Channel);
        var b = new GrpcTestClients(_bChannel);
        var tenant = await StudentRecords.CreateTenantAsync(a);
        var put = StudentRecords.Student(tenant, "stu-1", "Cut Off", "cut@example.org", DateTimeOffset.UnixEpoch);
        put.SubjectId = "subj-cut";
        await a.Records.PutRecordAsync(put).Within();
        await b.Records.GetRecordAsync(Get(tenant, "stu-1")).Within();

        _redisForB.Cut();
        var erased = await a.Keys.EraseSubjectAsync(new EraseSubjectRequest { TenantId = tenant, SubjectId = "subj-cut", Reason = "right to erasure" }).Within();

        Assert.Equal(1, erased.ReplicasRevoked);
        Assert.Equal(LeaseLength, erased.WaitedForLease.ToTimeSpan());
        Assert.Contains("did not acknowledge", erased.InvalidationNote, StringComparison.Ordinal);
        var error = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => b.Records.GetRecordAsync(Get(tenant, "stu-1")).ResponseAsync);
        Assert.Contains("was erased", error.Status.Detail, StringComparison.Ordinal);

        _redisForB.Restore();
        await WaitUntilBAcknowledgesAsync("B registers again once Redis is back");
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => b.Records.GetRecordAsync(Get(tenant, "stu-1")).ResponseAsync);
    }

    public async Task DisposeAsync()
    {
        _bChannel?.Dispose();
        await _b.DisposeAsync();
        await _a.DisposeAsync();
        await _redisForB.DisposeAsync();
    }

    private static Dictionary<string, string?> Settings(string database, string redis) => new()
    {
        ["Gateway:Redis:Configuration"] = redis,
        ["Gateway:Redis:InstanceName"] = database,
        ["Gateway:Redis:LeaseLength"] = LeaseLength.ToString(),
        ["Gateway:Redis:AcknowledgementTimeout"] = "00:00:01",
    };

    /// <summary>Erases throwaway subjects through A until one reply says B acknowledged: B is registered and listening.</summary>
    private async Task WaitUntilBAcknowledgesAsync(string what)
    {
        var a = new GrpcTestClients(_a.Channel);
        var tenant = await StudentRecords.CreateTenantAsync(a);
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 30);
        for (var i = 0; ; i++)
        {
            var reply = await a.Keys.EraseSubjectAsync(new EraseSubjectRequest { TenantId = tenant, SubjectId = $"probe-{i}", Reason = "probe" }).Within();
            if (reply.ReplicasAcknowledged >= 1)
            {
                return;
            }

            Assert.True(Stopwatch.GetTimestamp() < deadline, $"timed out waiting until {what}; B's log:\n{_b.Log()}");
            await Task.Delay(200);
        }
    }

    private static GetRecordRequest Get(string tenant, string record) =>
        new() { TenantId = tenant, Collection = "students", RecordId = record, Purpose = StudentRecords.Purpose };

    private static async Task<bool> ReadSucceedsAsync(GrpcTestClients client, string tenant, string record)
    {
        try
        {
            await client.Records.GetRecordAsync(Get(tenant, record)).Within();
            return true;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
        {
            return false;
        }
    }
}
