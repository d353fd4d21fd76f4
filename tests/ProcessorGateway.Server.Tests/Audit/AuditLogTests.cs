using Grpc.Core;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Server.Tests.Auth;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Storage.Mongo.Audit;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Audit;

/// <summary>Through a real gateway with real tokens: what each access leaves in the audit log, and reading it back.</summary>
public sealed class AuditLogTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task A_read_is_audited_with_who_what_why_and_where_but_never_the_values()
    {
        var world = await AuthWorld.ForAsync(gateway);
        var (tenant, reader) = await TenantWithStudentAsync(world, "stu-audit", "subj-audit");
        var trace = AuditedCalls.NewTraceId();

        await reader.Clients.Records.GetRecordAsync(
            new GetRecordRequest { TenantId = tenant, Collection = "students", RecordId = "stu-audit", Purpose = "administration" }, AuditedCalls.Traced(trace));

        var read = await AuditedCalls.FindAsync(reader.Channel, tenant, trace);
        Assert.Equal(("RecordService.GetRecord", reader.ClientId, tenant, "administration"), (read.Action, read.Actor, read.TenantId, read.Purpose));
        Assert.Equal((AuditOutcome.Succeeded, "OK"), (read.Outcome, read.Status));
        Assert.Equal(["stu-audit"], read.RecordIds);
        Assert.Equal(["subj-audit"], read.SubjectIds);
        Assert.Contains("students.full_name", read.Fields);
        Assert.Equal("127.0.0.1", read.ClientIp);
        Assert.StartsWith("grpc-dotnet", read.UserAgent, StringComparison.Ordinal);

        var raw = (await gateway.MongoDatabase.GetCollection<BsonDocument>(AuditStore.Blocks).Find(new BsonDocument("e.eid", read.EventId)).SingleAsync()).ToJson();
        Assert.DoesNotContain("Ada", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("example.org", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_calls_are_audited_in_the_callers_chain_or_for_anonymous_callers_the_operator_chain()
    {
        var world = await AuthWorld.ForAsync(gateway);
        var (tenant, reader) = await TenantWithStudentAsync(world, "stu-refused", "subj-refused");
        var anonymous = AuditedCalls.NewTraceId();
        var wrongPurpose = AuditedCalls.NewTraceId();
        var get = new GetRecordRequest { TenantId = tenant, Collection = "students", RecordId = "stu-refused", Purpose = "fees" };

        await RpcAssert.FailsAsync(StatusCode.Unauthenticated,
            () => new RecordService.RecordServiceClient(gateway.AnonymousChannel).GetRecordAsync(get, AuditedCalls.Traced(anonymous)).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => reader.Clients.Records.GetRecordAsync(get, AuditedCalls.Traced(wrongPurpose)).ResponseAsync);

        var unauthenticated = await AuditedCalls.FindAsync(gateway.Channel, null, anonymous);
        Assert.Equal(("anonymous", "RecordService.GetRecord", AuditOutcome.Denied, "Unauthenticated"),
            (unauthenticated.Actor, unauthenticated.Action, unauthenticated.Outcome, unauthenticated.Status));
        var denied = await AuditedCalls.FindAsync(reader.Channel, tenant, wrongPurpose);
        Assert.Equal((reader.ClientId, "fees", AuditOutcome.Denied, "PermissionDenied"), (denied.Actor, denied.Purpose, denied.Outcome, denied.Status));
    }

    [Fact]
    public async Task Token_requests_are_audited_whether_issued_or_refused()
    {
        var world = await AuthWorld.ForAsync(gateway);
        var client = await world.NewClientAsync(world.TenantA, [Scopes.AuditRead]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => gateway.GetTokenAsync(client.ClientId, "not-the-secret-0123456789"));

        var issued = (await AuditedCalls.ReadAllAsync(client.Channel, world.TenantA, client.ClientId)).Where(e => e.Action == "TokenEndpoint.Token").ToList();
        var refused = (await AuditedCalls.ReadAllAsync(gateway.Channel, null, "unverified:" + client.ClientId)).ToList();

        Assert.Equal((AuditOutcome.Succeeded, "OK"), (Assert.Single(issued).Outcome, issued[0].Status));
        Assert.Equal((AuditOutcome.Denied, "invalid_client"), (Assert.Single(refused).Outcome, refused[0].Status));
    }

    [Fact]
    public async Task Verify_through_the_api_reports_an_intact_chain_then_names_the_event_edited_in_mongodb()
    {
        var world = await AuthWorld.ForAsync(gateway);
        var (tenant, reader) = await TenantWithStudentAsync(world, "stu-verify", "subj-verify");
        var trace = AuditedCalls.NewTraceId();
        await reader.Clients.Records.GetRecordAsync(
            new GetRecordRequest { TenantId = tenant, Collection = "students", RecordId = "stu-verify", Purpose = "administration" }, AuditedCalls.Traced(trace));
        var target = await AuditedCalls.FindAsync(reader.Channel, tenant, trace);
        var intact = await reader.Clients.Audit.VerifyAuditChainAsync(new VerifyAuditChainRequest { TenantId = tenant }).Within();
        Assert.True(intact.Intact);
        Assert.True(intact.HeadSequence >= target.Sequence);

        await gateway.MongoDatabase.GetCollection<BsonDocument>(AuditStore.Blocks).UpdateOneAsync(
            new BsonDocument("e.eid", target.EventId),
            Builders<BsonDocument>.Update.Set("e.$[target].p", "analytics"),
            new UpdateOptions { ArrayFilters = [new BsonDocumentArrayFilterDefinition<BsonDocument>(new BsonDocument("target.eid", target.EventId))] });
        var broken = await reader.Clients.Audit.VerifyAuditChainAsync(new VerifyAuditChainRequest { TenantId = tenant }).Within();

        Assert.False(broken.Intact);
        Assert.Equal((ChainBreakKind.Edited, target.Sequence, target.EventId), (broken.FirstBreak.Kind, broken.FirstBreak.Sequence, broken.FirstBreak.EventId));
    }

    [Fact]
    public async Task Verify_reports_the_checkpoint_it_held_the_chain_against_and_a_tail_cut_after_a_kept_head()
    {
        var world = await AuthWorld.ForAsync(gateway);
        var (tenant, reader) = await TenantWithStudentAsync(world, "stu-tail", "subj-tail");
        var first = await reader.Clients.Audit.VerifyAuditChainAsync(new VerifyAuditChainRequest { TenantId = tenant }).Within();

        // The checkpoint follows the head about every second.
        var deadline = DateTime.UtcNow + RpcAssert.Timeout;
        var checkpointed = first;
        while (checkpointed.CheckpointSequence < first.HeadSequence)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the checkpoint stayed at {checkpointed.CheckpointSequence}, below {first.HeadSequence}");
            await Task.Delay(200);
            checkpointed = await reader.Clients.Audit.VerifyAuditChainAsync(new VerifyAuditChainRequest { TenantId = tenant }).Within();
        }

        Assert.True(checkpointed.Intact, checkpointed.FirstBreak?.Detail);
        Assert.NotNull(checkpointed.CheckpointTime);

        var beyond = await reader.Clients.Audit.VerifyAuditChainAsync(new VerifyAuditChainRequest
        {
            TenantId = tenant, ExpectedHeadSequence = checkpointed.HeadSequence + 1_000, ExpectedHeadHash = checkpointed.HeadHash,
        }).Within();
        Assert.False(beyond.Intact);
        Assert.Equal(ChainBreakKind.Missing, beyond.FirstBreak.Kind);
        Assert.Contains("deleted from the end of the chain, which the head given with the request saw", beyond.FirstBreak.Detail, StringComparison.Ordinal);

        await RpcAssert.InvalidArgumentAsync("expected_head_hash", () => reader.Clients.Audit.VerifyAuditChainAsync(
            new VerifyAuditChainRequest { TenantId = tenant, ExpectedHeadSequence = 1, ExpectedHeadHash = "not-a-hash" }).ResponseAsync);
        await RpcAssert.InvalidArgumentAsync("expected_head_sequence", () => reader.Clients.Audit.VerifyAuditChainAsync(
            new VerifyAuditChainRequest { TenantId = tenant, ExpectedHeadHash = checkpointed.HeadHash }).ResponseAsync);
    }

    [Fact]
    public async Task A_tenant_client_may_not_read_the_operator_chain()
    {
        var world = await AuthWorld.ForAsync(gateway);
        var client = await world.ClientAsync(world.TenantA, Scopes.All);

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => client.Clients.Audit.QueryAuditAsync(new QueryAuditRequest { OperatorChain = true }).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => client.Clients.Audit.VerifyAuditChainAsync(new VerifyAuditChainRequest { OperatorChain = true }).ResponseAsync);
    }

    /// <summary>A fresh tenant (so its chain is this test's own) with one student, and a client of it that reads records and the audit log.</summary>
    private static async Task<(string Tenant, TestClient Reader)> TenantWithStudentAsync(AuthWorld world, string recordId, string subjectId)
    {
        var tenant = await StudentRecords.CreateTenantWithTemplatesAsync(world.Operator, ["students"]);
        var put = StudentRecords.Student(tenant, recordId, "Ada Lovelace", "ada@example.org", DateTimeOffset.UnixEpoch);
        put.SubjectId = subjectId;
        await world.Operator.Records.PutRecordAsync(put).Within();
        return (tenant, await world.NewClientAsync(tenant, [Scopes.RecordsRead, Scopes.AuditRead], ["administration"]));
    }
}
