using Grpc.Core;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Erasure;

/// <summary>A fresh tenant with the attendance template, and a client of it holding only subjects.rights, with a real token.</summary>
internal sealed record ErasureWorld(string TenantId, GrpcTestClients Operator, GrpcTestClients Rights)
{
    public static async Task<ErasureWorld> CreateAsync(GatewayFixture gateway, params string[] templates)
    {
        var operatorClients = new GrpcTestClients(gateway.Channel);
        var tenant = await StudentRecords.CreateTenantWithTemplatesAsync(operatorClients, templates.Length > 0 ? templates : ["attendance", "students"])
            .WaitAsync(RpcAssert.Timeout);
        var registered = await operatorClients.Tenants.RegisterClientAsync(new RegisterClientRequest
        {
            TenantId = tenant, DisplayName = "dpo desk", Scopes = { Scopes.SubjectsRights }, Purposes = { "attendance" },
        }).Within();
        var channel = await gateway.CreateChannelAsync(registered.Client.ClientId, registered.ClientSecret).WaitAsync(RpcAssert.Timeout);
        return new ErasureWorld(tenant, operatorClients, new GrpcTestClients(channel));
    }

    /// <summary>An attendance row about the subject (written by the operator); returns its record id.</summary>
    public async Task<string> SeedAsync(string studentId)
    {
        var id = $"att-{Guid.NewGuid():N}"[..20];
        await Operator.Records.PutRecordAsync(StudentRecords.Attendance(TenantId, id, studentId)).Within();
        return id;
    }

    /// <summary>A fee record about the subject (fees template), due on <paramref name="dueDate"/>, with a personal payer name and amount.</summary>
    public async Task<string> SeedFeeAsync(string studentId, DateTimeOffset dueDate)
    {
        var id = $"fee-{Guid.NewGuid():N}"[..20];
        await Operator.Records.PutRecordAsync(new PutRecordRequest
        {
            TenantId = TenantId, Collection = "fees", RecordId = id, SubjectId = $"subj-{studentId}", Purpose = "fees",
            Fields =
            {
                ["invoice_number"] = new Value { StringValue = $"INV-{id}" },
                ["due_date"] = new Value { TimestampValue = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(dueDate) },
                ["amount_minor_units"] = new Value { Int64Value = 12_500 },
                ["payer_name"] = new Value { StringValue = "Pat Payer" },
            },
        }).Within();
        return id;
    }

    public const string VerificationNote = "identity checked against the enrolment record";

    /// <summary>Verifies the request and executes it at once.</summary>
    public async Task<ErasureRequest> VerifyAndExecuteAsync(string requestId)
    {
        await VerifyAsync(requestId);
        return await Rights.Erasure.ExecuteErasureAsync(new ExecuteErasureRequest { TenantId = TenantId, RequestId = requestId }).Within();
    }

    /// <summary>A record read by the operator, with the collection's own purpose.</summary>
    public Task<Contracts.V1.Record> ReadAsync(string collection, string recordId) =>
        Operator.Records.GetRecordAsync(new GetRecordRequest { TenantId = TenantId, Collection = collection, RecordId = recordId, Purpose = collection }).Within();

    public Task<LegalHold> HoldAsync(string subjectId, string? collection, string reason) =>
        Rights.Erasure.PlaceLegalHoldAsync(new PlaceLegalHoldRequest { TenantId = TenantId, SubjectId = subjectId, Collection = collection ?? "", Reason = reason }).Within();

    public Task<ErasureRequest> RequestAsync(string subjectId) =>
        Rights.Erasure.RequestErasureAsync(new RequestErasureRequest
        {
            TenantId = TenantId, Scope = ErasureScope.Subject, SubjectId = subjectId, Reason = "the account holder asked to be forgotten",
        }).Within();

    public Task<ErasureRequest> VerifyAsync(string requestId) =>
        Rights.Erasure.VerifyErasureAsync(new VerifyErasureRequest { TenantId = TenantId, RequestId = requestId, Note = VerificationNote }).Within();

    /// <summary>A message sent to the subject's own address (communications template: the person's account data); returns its record id.</summary>
    public async Task<string> SeedMessageAsync(string subjectId)
    {
        var id = $"msg-{Guid.NewGuid():N}"[..20];
        await Operator.Records.PutRecordAsync(new PutRecordRequest
        {
            TenantId = TenantId, Collection = "communications", RecordId = id, SubjectId = subjectId, Purpose = "communication",
            Fields =
            {
                ["channel"] = new Value { StringValue = "email" },
                ["recipient"] = new Value { StringValue = "pat@home.test" },
            },
        }).Within();
        return id;
    }

    public Task<ErasureRequest> GetAsync(string requestId) =>
        Rights.Erasure.GetErasureRequestAsync(new GetErasureRequestRequest { TenantId = TenantId, RequestId = requestId }).Within();

    /// <summary>Polls until the request reaches the state (60 s: background jobs on a shared machine).</summary>
    public async Task<ErasureRequest> WaitForStateAsync(string requestId, ErasureState state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var request = await GetAsync(requestId);
            if (request.State == state)
            {
                return request;
            }

            Assert.True(DateTime.UtcNow < deadline, $"request {requestId} stayed {request.State}, expected {state}");
            await Task.Delay(200);
        }
    }

    public static async Task<T> EventuallyAsync<T>(Func<T?> probe, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (probe() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(200);
        }
    }

    /// <param name="purpose">The purpose to read with; by default the collection's own name.</param>
    public async Task AssertErasedAsync(string recordId, string collection = "attendance", string? purpose = null)
    {
        var error = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => Operator.Records.GetRecordAsync(new GetRecordRequest
        {
            TenantId = TenantId, Collection = collection, RecordId = recordId, Purpose = purpose ?? collection,
        }).ResponseAsync);
        Assert.Contains("erased", error.Status.Detail, StringComparison.Ordinal);
    }
}
