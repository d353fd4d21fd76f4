using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Net.Client;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Faults;

/// <summary>
/// A bulk upload to gateway process A, which is killed with SIGKILL part-way; the client retries whatever
/// was not acknowledged, with the same idempotency keys, against replica B on the same databases.
/// </summary>
public sealed class KillMidUploadTests : IAsyncLifetime
{
    // Early, and with many left: stopping a process tree takes longer than a put once writes are fast, and with 220 left
    // the uploaders once finished everything on A before it died, so no call was cut off.
    private const int Records = 600;
    private const int KillAfterAcknowledged = 20;

    // Sent to A in a batch stream left open until A dies: calls certainly cut off mid-flight, whatever the timing.
    private const int Held = 3;

    private GatewayReplica _b = null!;
    private GatewayProcess _a = null!;
    private GrpcChannel _aChannel = null!;

    public async Task InitializeAsync()
    {
        var database = TestServers.DatabaseFor(typeof(KillMidUploadTests));
        _b = new GatewayReplica(database, new Dictionary<string, string?>());
        await _b.InitializeAsync();
        _a = await GatewayProcess.StartAsync(GatewayFixture.SettingsFor(database));
        _aChannel = await _a.CreateChannelAsync(GatewayFixture.OperatorClientId, GatewayFixture.OperatorSecret);
    }

    [Fact]
    public async Task Every_acknowledged_record_is_present_exactly_once_and_reads_back_after_a_kill_9()
    {
        var b = new GrpcTestClients(_b.Channel);
        var a = new GrpcTestClients(_aChannel);
        var tenant = await StudentRecords.CreateTenantAsync(b);
        var acknowledged = new ConcurrentDictionary<string, long>();
        var pending = new ConcurrentQueue<int>(Enumerable.Range(0, Records));
        var killing = 0;
        var killed = 0;
        var held = Enumerable.Range(Records, Held).Select(i => Upload(tenant, i)).ToList();
        using var heldCall = a.Records.BatchPutRecords(deadline: DateTime.UtcNow.AddMinutes(3));
        foreach (var request in held)
        {
            await heldCall.RequestStream.WriteAsync(new BatchPutRecordsRequest { Item = request });
        }

        var uploaders = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            while (pending.TryDequeue(out var i))
            {
                var request = Upload(tenant, i);
                var reply = await PutUntilAcknowledgedAsync(a, b, request, () => Volatile.Read(ref killed) == 1);
                acknowledged[request.RecordId] = reply.Version;

                if (acknowledged.Count >= KillAfterAcknowledged && Interlocked.Exchange(ref killing, 1) == 0)
                {
                    // The other uploaders keep sending to A until they see it fail, so some may be cut off mid-call; the
                    // held batch certainly is.
                    await _a.KillAsync();
                    Volatile.Write(ref killed, 1);
                }
            }
        })).ToList();
        await Task.WhenAll(uploaders).WaitAsync(TimeSpan.FromMinutes(3));

        Assert.Equal(1, killed);
        // The held batch was never acknowledged: A died under it. Its rows are retried on B with the same keys.
        await Assert.ThrowsAnyAsync<RpcException>(async () =>
        {
            await heldCall.RequestStream.CompleteAsync();
            await heldCall.ResponseAsync;
        });
        foreach (var request in held)
        {
            var reply = await PutUntilAcknowledgedAsync(a, b, request, () => true);
            acknowledged[request.RecordId] = reply.Version;
        }

        Assert.Equal(Records + Held, acknowledged.Count);
        var stored = await new RawStore(_b).Records.Find(new BsonDocument { { "t", tenant }, { "c", "students" } }).ToListAsync();
        Assert.Equal(Records + Held, stored.Count);
        Assert.Equal(Records + Held, stored.Select(d => d["r"].AsString).Distinct(StringComparer.Ordinal).Count());
        Assert.All(stored, d => Assert.Equal(1, d["v"].ToInt64()));
        for (var i = 0; i < Records + Held; i++)
        {
            var read = await b.Records.GetRecordAsync(new GetRecordRequest { TenantId = tenant, Collection = "students", RecordId = $"bulk-{i}", Purpose = StudentRecords.Purpose }).Within();
            Assert.Equal($"Pupil {i}", read.Fields["full_name"].StringValue);
            Assert.Equal($"pupil{i}@example.org", read.Fields["email"].StringValue);
        }
    }

    public async Task DisposeAsync()
    {
        _aChannel?.Dispose();
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    private static PutRecordRequest Upload(string tenant, int i)
    {
        var request = StudentRecords.Student(tenant, $"bulk-{i}", $"Pupil {i}", $"pupil{i}@example.org", DateTimeOffset.UnixEpoch);
        request.IdempotencyKey = $"upload-{i}";
        return request;
    }

    /// <summary>
    /// The client's retry loop: A until it is gone, then B, the same request and key each time. ABORTED is
    /// the gateway's "this key is still in progress" (A's claim, until its in-flight window lapses): retry.
    /// </summary>
    private static async Task<WriteResult> PutUntilAcknowledgedAsync(
        GrpcTestClients a, GrpcTestClients b, PutRecordRequest request, Func<bool> aIsGone)
    {
        var giveUp = DateTime.UtcNow.AddMinutes(2);
        for (var attempt = 0; ; attempt++)
        {
            var target = aIsGone() ? b : a;
            try
            {
                return await target.Records.PutRecordAsync(request, deadline: DateTime.UtcNow.AddSeconds(90));
            }
            catch (RpcException e) when (DateTime.UtcNow < giveUp && e.StatusCode is StatusCode.Unavailable or StatusCode.Aborted or StatusCode.Internal
                or StatusCode.Unknown or StatusCode.Cancelled or StatusCode.DeadlineExceeded)
            {
                await Task.Delay(attempt < 10 ? 100 : 1000);
            }
        }
    }
}
