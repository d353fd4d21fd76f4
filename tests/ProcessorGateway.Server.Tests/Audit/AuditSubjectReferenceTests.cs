using Grpc.Core;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Erasure;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Storage.Mongo.Audit;

namespace ProcessorGateway.Server.Tests.Audit;

/// <summary>
/// Through a real gateway with real tokens: audit events name subjects by references only the subject's key
/// opens, so a query by subject finds the erasure's own events while the subject exists and nothing once the
/// subject is erased, while the chain still verifies.
/// </summary>
public sealed class AuditSubjectReferenceTests(ErasureGatewayFixture gateway) : IClassFixture<ErasureGatewayFixture>
{
    [Fact]
    public async Task Before_execution_a_query_by_subject_finds_the_erasures_own_events_and_after_it_finds_none_while_the_chain_stays_intact()
    {
        var world = await ErasureWorld.CreateAsync(gateway);
        var student = $"ref{Guid.NewGuid():N}"[..12];
        var subject = $"subj-{student}";
        var recordId = await world.SeedAsync(student);
        var request = await world.RequestAsync(subject);
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => world.Rights.Erasure.ExecuteErasureAsync(
            new ExecuteErasureRequest { TenantId = world.TenantId, RequestId = request.RequestId }).ResponseAsync);
        await world.Rights.Erasure.VerifyErasureAsync(new VerifyErasureRequest
        {
            TenantId = world.TenantId, RequestId = request.RequestId, Note = "identity checked against the enrolment file",
        }).Within();
        await world.GetAsync(request.RequestId);

        var before = await BySubjectAsync(world.TenantId, subject);

        foreach (var action in new[] { "RequestErasure", "ExecuteErasure", "VerifyErasure", "GetErasureRequest" })
        {
            var found = Assert.Single(before, e => e.Action == $"ErasureService.{action}");
            Assert.Equal([subject], found.SubjectIds);
            Assert.Equal(0, found.ErasedSubjectRefs);
        }

        Assert.Contains(before, e => e.Action == "RecordService.PutRecord" && e.RecordIds.Contains(recordId));

        var executed = await world.Rights.Erasure.ExecuteErasureAsync(new ExecuteErasureRequest { TenantId = world.TenantId, RequestId = request.RequestId }).Within();
        await world.AssertErasedAsync(recordId);

        Assert.Equal(ErasureState.Executed, executed.State);
        Assert.Empty(await BySubjectAsync(world.TenantId, subject));
        var chain = await AuditedCalls.ReadAllAsync(gateway.Channel, world.TenantId);
        Assert.DoesNotContain(chain, e => e.SubjectIds.Contains(subject));
        var execution = Assert.Single(chain, e => e.Action == "ErasureService.ExecuteErasure" && e.Outcome == AuditOutcome.Succeeded);
        Assert.Equal((1, true), (execution.ErasedSubjectRefs, execution.RecordIds.Contains(request.RequestId)));
        var refusedRead = chain.Last(e => e.Action == "RecordService.GetRecord");
        Assert.Equal([recordId], refusedRead.RecordIds);
        Assert.Empty(refusedRead.SubjectIds);
        Assert.Equal("FailedPrecondition", refusedRead.Status);
        var verified = await new AuditService.AuditServiceClient(gateway.Channel).VerifyAuditChainAsync(new VerifyAuditChainRequest { TenantId = world.TenantId }).Within();
        Assert.True(verified.Intact, verified.FirstBreak?.Detail);
        Assert.True(verified.EventsChecked >= chain.Count, "the walk covers every event read (and those written since, such as the read's own)");

        // Named at the start, while the key existed: the execution's reference carries the subject's token.
        var tokens = await StoredTokensAsync(world.TenantId);
        Assert.Equal(tokens[before.Single(e => e.Action == "ErasureService.RequestErasure").EventId], tokens[execution.EventId]);
    }

    [Fact]
    public async Task The_audit_documents_written_now_hold_no_subject_id_in_clear_while_a_query_by_subject_names_it()
    {
        var world = await ErasureWorld.CreateAsync(gateway);
        var student = $"raw{Guid.NewGuid():N}"[..12];
        var subject = $"subj-{student}";
        var recordId = await world.SeedAsync(student);
        await world.ReadAsync("attendance", recordId);
        await world.HoldAsync(subject, "attendance", "a pending appeal");

        var found = await BySubjectAsync(world.TenantId, subject);
        var raw = string.Join('\n', (await gateway.MongoDatabase.GetCollection<BsonDocument>(AuditStore.Blocks)
            .Find(new BsonDocument("c", world.TenantId)).ToListAsync()).Select(b => b.ToJson()));

        Assert.Equal(["ErasureService.PlaceLegalHold", "RecordService.GetRecord", "RecordService.PutRecord"], found.Select(e => e.Action).Order());
        Assert.All(found, e => Assert.Equal([subject], e.SubjectIds));
        Assert.Contains(recordId, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(student, raw, StringComparison.Ordinal);
        Assert.Empty(await BySubjectAsync(world.TenantId, "subj-never-seen"));
    }

    private async Task<List<AuditEvent>> BySubjectAsync(string tenantId, string subjectId)
    {
        var audit = new AuditService.AuditServiceClient(gateway.Channel);
        var page = await audit.QueryAuditAsync(new QueryAuditRequest { TenantId = tenantId, SubjectId = subjectId, PageSize = 500 }).Within();
        Assert.Empty(page.NextPageToken);
        return [.. page.Events];
    }

    /// <summary>Each stored event's one subject token, by event id, read from MongoDB as stored.</summary>
    private async Task<Dictionary<string, string>> StoredTokensAsync(string tenantId)
    {
        var blocks = await gateway.MongoDatabase.GetCollection<BsonDocument>(AuditStore.Blocks).Find(new BsonDocument("c", tenantId)).ToListAsync();
        return blocks.SelectMany(b => b["e"].AsBsonArray.Select(e => e.AsBsonDocument))
            .Where(e => e.Contains("sr") && e["sr"].AsBsonArray.Count == 1)
            .ToDictionary(e => e["eid"].AsString, e => Convert.ToHexString(e["sr"][0]["k"].AsByteArray));
    }
}
