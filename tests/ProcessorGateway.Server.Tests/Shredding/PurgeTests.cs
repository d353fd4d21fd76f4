using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Shredding;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Shredding;

/// <summary>A gateway whose purge job runs every second with no delay, so a test can watch it work.</summary>
public sealed class EagerPurgeGateway : GatewayFixture
{
    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Gateway:Purge:Delay"] = "00:00:00",
        ["Gateway:Purge:Interval"] = "00:00:01",
    };
}

public sealed class PurgeTests(EagerPurgeGateway gateway) : IClassFixture<EagerPurgeGateway>
{
    private readonly GrpcTestClients _clients = new(gateway.Channel);

    [Fact]
    public async Task Purge_job_removes_an_erased_subjects_records_and_logs_how_many_while_others_stay()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await PutAsync(tenant, "stu-1", "subj-gone");
        await PutAsync(tenant, "stu-2", "subj-gone");
        await PutAsync(tenant, "stu-3", "subj-kept");

        var erased = await _clients.Keys.EraseSubjectAsync(new EraseSubjectRequest { TenantId = tenant, SubjectId = "subj-gone", Reason = "right to erasure" }).Within();

        var records = gateway.MongoDatabase.GetCollection<BsonDocument>("records");
        var gone = new BsonDocument { { "t", tenant }, { "s", "subj-gone" } };
        var purgeLog = gateway.MongoDatabase.GetCollection<BsonDocument>("purge_log");
        var logged = new BsonDocument("_id", erased.KeyIds[0]);

        // The job deletes first and logs after, so the log entry is what marks the purge complete.
        await WaitUntilAsync(async () => await purgeLog.CountDocumentsAsync(logged) == 1, "the erased subject's purge is logged");
        Assert.Equal(0, await records.CountDocumentsAsync(gone));
        var entry = await purgeLog.Find(logged).SingleAsync();
        Assert.Equal(2, entry["removed"].AsInt64);
        Assert.Equal(1, await records.CountDocumentsAsync(new BsonDocument { { "t", tenant }, { "s", "subj-kept" } }));
    }

    [Fact]
    public async Task Purge_within_the_delay_removes_nothing()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await PutAsync(tenant, "stu-1", "subj-recent");
        await _clients.Keys.EraseSubjectAsync(new EraseSubjectRequest { TenantId = tenant, SubjectId = "subj-recent", Reason = "right to erasure" }).Within();

        var purged = await gateway.Services.GetRequiredService<PurgeService>().PurgeAsync(TimeSpan.FromDays(1), CancellationToken.None);

        Assert.DoesNotContain(purged, p => p.TenantId == tenant);
    }

    private Task<WriteResult> PutAsync(string tenant, string record, string subject)
    {
        var put = StudentRecords.Student(tenant, record, "Purge Pupil", "purge@example.org", DateTimeOffset.UnixEpoch);
        put.SubjectId = subject;
        return _clients.Records.PutRecordAsync(put).Within();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 20);
        while (!await condition())
        {
            Assert.True(Stopwatch.GetTimestamp() < deadline, $"timed out waiting until {what}");
            await Task.Delay(100);
        }
    }
}
