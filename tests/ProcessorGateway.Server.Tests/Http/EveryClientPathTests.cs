using Grpc.Core;
using ProcessorGateway.Contracts.V1;
using Record = ProcessorGateway.Contracts.V1.Record;
using ProcessorGateway.Core.Access;
using RefusalReasons = ProcessorGateway.Core.Audit.RefusalReasons;
using ProcessorGateway.Server.Tests.Audit;
using ProcessorGateway.Server.Tests.Auth;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Http;

/// <summary>
/// The same RPCs through a real gateway over native gRPC, gRPC-Web and JSON transcoding, with real tokens:
/// each path gives the same results and the same refusals (status and message), and every call, allowed or
/// refused, leaves the same audit event.
/// </summary>
public sealed class EveryClientPathTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string NoAccessToken = "no access token: send 'authorization: Bearer <token>' with a token from the gateway's token endpoint";

    [Fact]
    public async Task Put_and_get_give_the_same_results_on_every_path_and_each_call_is_audited()
    {
        var (tenant, client) = await WriterTenant.CreateAsync(gateway);
        var events = new List<(string Trace, string Action, string RecordId)>();
        var reads = new Dictionary<string, Record>(StringComparer.Ordinal);

        foreach (var path in Paths())
        {
            using (path)
            {
                var recordId = $"stu-{path.Name}";
                var put = StudentRecords.Student(tenant, recordId, "Ada Lovelace", "ada@example.org", new DateTimeOffset(1815, 12, 10, 0, 0, 0, TimeSpan.Zero));
                var putTrace = AuditedCalls.NewTraceId();
                var written = (await path.PutRecordAsync(client.Token, put, putTrace)).Ok();
                Assert.True((written.RecordId, written.Version, written.Replayed) == (recordId, 1L, false), $"{path.Name}: put gave {written}");

                var getTrace = AuditedCalls.NewTraceId();
                var read = (await path.GetRecordAsync(client.Token, Get(tenant, recordId, StudentRecords.Purpose), getTrace)).Ok();
                Assert.Equal(put.Fields, read.Fields);
                reads[path.Name] = read;
                events.Add((putTrace, "RecordService.PutRecord", recordId));
                events.Add((getTrace, "RecordService.GetRecord", recordId));
            }
        }

        // What differs between the three records is only what must: their ids and times.
        var expected = Comparable(reads["grpc"]);
        Assert.All(reads, read => Assert.Equal(expected, Comparable(read.Value)));

        foreach (var (trace, action, recordId) in events)
        {
            var audited = await AuditedCalls.FindAsync(gateway.Channel, tenant, trace);
            Assert.Equal((action, client.ClientId, StudentRecords.Purpose, AuditOutcome.Succeeded, "OK"),
                (audited.Action, audited.Actor, audited.Purpose, audited.Outcome, audited.Status));
            Assert.Equal([recordId], audited.RecordIds);
        }
    }

    [Fact]
    public async Task A_refused_token_is_unauthenticated_with_the_same_message_on_every_path_and_counted_as_anonymous_by_reason()
    {
        var world = await AuthWorld.ForAsync(gateway);
        var operatorToken = await world.OperatorTokenAsync();
        var signingKey = TokenForge.ServerSigningCredentials(gateway);
        var revoked = await world.RevokedClientAsync();
        (string Case, string? Token, string Message, string Reason)[] cases =
        [
            ("no token", null, NoAccessToken, RefusalReasons.MissingToken),
            ("tampered signature", TokenForge.WithSignatureCharacterChanged(operatorToken),
                "the access token was refused: The signature associated to the specified token is not valid.", RefusalReasons.InvalidToken),
            ("expired", TokenForge.Expired(operatorToken, signingKey, TimeSpan.FromMinutes(10)),
                "the access token was refused: The specified token is no longer valid.", RefusalReasons.ExpiredToken),
            ("revoked client", revoked.Token, "the access token was refused: The client this token was issued to has been revoked.", RefusalReasons.InvalidToken),
        ];
        var get = Get(world.TenantA, AuthWorld.SeedRecordId, AuthWorld.Purpose);
        get.Collection = "attendance";
        var before = await RefusedGetsByReasonAsync();

        foreach (var (name, token, message, _) in cases)
        {
            foreach (var path in Paths())
            {
                using (path)
                {
                    var answer = await path.GetRecordAsync(token, get, AuditedCalls.NewTraceId());
                    Assert.True(answer.Status == (StatusCode.Unauthenticated, message), $"{name} over {path.Name}: {answer.Code} '{answer.Message}'");
                }
            }
        }

        // Not trusted to say who it is: no actor, the operator chain, and counted with the others of its reason from its address.
        var after = await RefusedGetsByReasonAsync();
        foreach (var reason in cases.Select(c => c.Reason).Distinct())
        {
            Assert.True(after.GetValueOrDefault(reason) - before.GetValueOrDefault(reason) == 3 * cases.Count(c => c.Reason == reason),
                $"{reason}: {before.GetValueOrDefault(reason)} counted before, {after.GetValueOrDefault(reason)} after");
        }
    }

    /// <summary>Anonymous GetRecord refusals from this machine in the operator chain, counted by reason, once what is pending is written.</summary>
    private async Task<Dictionary<string, long>> RefusedGetsByReasonAsync()
    {
        await UnauthenticatedAuditTests.FlushAsync(gateway);
        return (await AuditedCalls.ReadAllAsync(gateway.Channel, null))
            .Where(e => (e.Actor, e.Action, e.Outcome, e.Status, e.ClientIp) == ("anonymous", "RecordService.GetRecord", AuditOutcome.Denied, "Unauthenticated", "127.0.0.1"))
            .GroupBy(e => e.Reason, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(e => e.Count), StringComparer.Ordinal);
    }

    [Fact]
    public async Task A_call_refused_by_policy_is_the_same_status_and_message_on_every_path_and_audited_in_the_tenants_chain()
    {
        var (tenant, client) = await WriterTenant.CreateAsync(gateway);
        var wrongPurpose = Get(tenant, "stu-anything", "fees");
        var otherTenant = StudentRecords.Student(StudentRecords.NewTenantId("other"), "stu-1", "Ada Lovelace", "ada@example.org", DateTimeOffset.UnixEpoch);
        var answers = new List<(string Path, string Call, (StatusCode, string) Status)>();

        foreach (var path in Paths())
        {
            using (path)
            {
                var trace = AuditedCalls.NewTraceId();
                var refused = await path.GetRecordAsync(client.Token, wrongPurpose, trace);
                answers.Add((path.Name, "get for a purpose the client lacks", refused.Status));
                var audited = await AuditedCalls.FindAsync(gateway.Channel, tenant, trace);
                Assert.Equal((client.ClientId, "fees", AuditOutcome.Denied, "PermissionDenied"),
                    (audited.Actor, audited.Purpose, audited.Outcome, audited.Status));

                answers.Add((path.Name, "put into another tenant", (await path.PutRecordAsync(client.Token, otherTenant, AuditedCalls.NewTraceId())).Status));
            }
        }

        foreach (var call in answers.GroupBy(a => a.Call, StringComparer.Ordinal))
        {
            var first = call.First();
            Assert.Equal(StatusCode.PermissionDenied, first.Status.Item1);
            Assert.All(call, a => Assert.True(a.Status == first.Status, $"{call.Key}: {a.Path} gave {a.Status}, {first.Path} gave {first.Status}"));
        }
    }

    [Fact]
    public async Task Unauthenticated_grpc_call_gets_unauthenticated_status_with_a_message()
    {
        var tenants = new TenantService.TenantServiceClient(gateway.AnonymousChannel);

        var error = await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => tenants.GetTenantAsync(new GetTenantRequest { TenantId = "any" }).ResponseAsync);

        // The gateway's own message, not grpc-dotnet's "Bad gRPC response. HTTP status code: 401".
        Assert.Equal(NoAccessToken, error.Status.Detail);
    }

    private static GetRecordRequest Get(string tenant, string recordId, string purpose) =>
        new() { TenantId = tenant, Collection = "students", RecordId = recordId, Purpose = purpose };

    private static Record Comparable(Record record)
    {
        var copy = record.Clone();
        copy.RecordId = copy.SubjectId = string.Empty;
        copy.CreatedAt = copy.UpdatedAt = null;
        return copy;
    }

    private ICallPath[] Paths() => [GrpcCallPath.Native(gateway), GrpcCallPath.Web(gateway), new JsonCallPath(gateway)];
}
