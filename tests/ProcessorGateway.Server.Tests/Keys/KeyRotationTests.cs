using System.Diagnostics;
using Grpc.Core;
using MongoDB.Bson;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;
using Value = ProcessorGateway.Contracts.V1.Value;

namespace ProcessorGateway.Server.Tests.Keys;

/// <summary>A gateway whose rewrap job runs every 200 ms, so a test can watch a rotation finish.</summary>
public sealed class FastRotationGateway : GatewayFixture
{
    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Gateway:KeyRotation:Interval"] = "00:00:00.200",
    };
}

public sealed class KeyRotationTests(FastRotationGateway gateway) : IClassFixture<FastRotationGateway>
{
    private readonly GrpcTestClients _clients = new(gateway.Channel);

    [Fact]
    public async Task Rotation_under_load_fails_no_request_reads_old_records_and_retires_the_old_version()
    {
        var tenant = await StudentRecords.CreateTenantWithTemplatesAsync(_clients, ["students", "attendance"]);
        for (var i = 0; i < 20; i++)
        {
            var student = StudentRecords.Student(tenant, $"stu-{i}", $"Pupil {i}", $"p{i}@example.org", DateTimeOffset.UnixEpoch);
            student.SubjectId = $"subj-{i}";
            await _clients.Records.PutRecordAsync(student).Within();
            await _clients.Records.PutRecordAsync(SubjectlessAttendance(tenant, $"att-{i}")).Within();
        }

        var before = await _clients.Keys.GetRotationStatusAsync(new GetRotationStatusRequest { TenantId = tenant }).Within();
        using var stop = new CancellationTokenSource();
        var failures = new List<string>();
        var load = Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var i = n % 20;
                    var read = await _clients.Records.GetRecordAsync(new GetRecordRequest { TenantId = tenant, Collection = "students", RecordId = $"stu-{i}", Purpose = StudentRecords.Purpose }).Within();
                    Assert.Equal($"Pupil {i}", read.Fields["full_name"].StringValue);
                    var attendance = await _clients.Records.GetRecordAsync(new GetRecordRequest { TenantId = tenant, Collection = "attendance", RecordId = $"att-{i}", Purpose = "attendance" }).Within();
                    Assert.Equal("sick", attendance.Fields["absence_reason"].StringValue);
                    await _clients.Records.PutRecordAsync(SubjectlessAttendance(tenant, $"new-{n}")).Within();
                }
                catch (Exception e) when (e is RpcException or Xunit.Sdk.XunitException)
                {
                    lock (failures)
                    {
                        failures.Add(e.Message);
                    }
                }

                n++;
                // Steady load, not a flood: the development server slows every write as the collection grows,
                // and an unthrottled loop would starve the rewrap job this test waits for.
                await Task.Delay(10);
            }
        });

        var rotated = await _clients.Keys.RotateTenantKeyAsync(new RotateTenantKeyRequest { TenantId = tenant }).Within();
        Assert.Equal(before.Current.Version + 1, rotated.Current.Version);
        Assert.Contains(rotated.Retiring, k => k.KeyId == before.Current.KeyId);

        await WaitUntilAsync(async () =>
        {
            var status = await _clients.Keys.GetRotationStatusAsync(new GetRotationStatusRequest { TenantId = tenant }).Within();
            return status.Retiring.Count == 0 && status.SubjectKeysToRewrap == 0 && status.RecordsToReencrypt == 0;
        }, "the old version is retired");
        await Task.Delay(500);
        await stop.CancelAsync();
        await load.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(failures.Count == 0, $"{failures.Count} request(s) failed during rotation: {string.Join(" | ", failures.Take(3))}");
        var vault = gateway.MongoKeyVaultDatabase.GetCollection<BsonDocument>("keys");
        Assert.Equal(0, await vault.CountDocumentsAsync(new BsonDocument("_id", before.Current.KeyId)));
        Assert.Equal(0, await vault.CountDocumentsAsync(new BsonDocument { { "t", tenant }, { "wrappedBy", before.Current.KeyId } }));
        var records = gateway.MongoDatabase.GetCollection<BsonDocument>("records");
        Assert.Equal(0, await records.CountDocumentsAsync(new BsonDocument { { "t", tenant }, { "dk", before.Current.KeyId } }));
        var old = await _clients.Records.GetRecordAsync(new GetRecordRequest { TenantId = tenant, Collection = "attendance", RecordId = "att-3", Purpose = "attendance" }).Within();
        Assert.Equal("sick", old.Fields["absence_reason"].StringValue);
    }

    private static PutRecordRequest SubjectlessAttendance(string tenant, string id) => new()
    {
        TenantId = tenant,
        Collection = "attendance",
        RecordId = id,
        Purpose = "attendance",
        Fields =
        {
            ["date"] = new Value { TimestampValue = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch) },
            ["status"] = new Value { StringValue = "absent" },
            ["absence_reason"] = new Value { StringValue = "sick" },
        },
    };

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 60);
        while (!await condition())
        {
            Assert.True(Stopwatch.GetTimestamp() < deadline, $"timed out waiting until {what}");
            await Task.Delay(100);
        }
    }
}
