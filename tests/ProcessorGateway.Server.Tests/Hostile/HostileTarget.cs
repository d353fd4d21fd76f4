using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Hostile;

/// <summary>
/// What the hostile requests aim at: a tenant with the students collection, one stored record written under
/// an idempotency key, and a real page token; a second tenant with the same stored record; and a client
/// bound to the first tenant with every scope, whose calls into the second must be refused.
/// </summary>
internal sealed record HostileTarget(string TenantId, string PageToken, string OtherTenantId, string TenantClientId, string TenantClientSecret, string TenantToken)
{
    public const string StoredRecordId = "stu-stored";
    public const string StoredIdempotencyKey = "hostile-stored-key-0001";
    public const string Purpose = StudentRecords.Purpose;

    public PutRecordRequest NewStudent(string recordId) =>
        StudentRecords.Student(TenantId, recordId, "Grace Hopper", "grace@example.org", DateTimeOffset.UnixEpoch);

    public static async Task<HostileTarget> CreateAsync(GatewayFixture gateway, GrpcTestClients clients)
    {
        var tenant = await StudentRecords.CreateTenantAsync(clients);
        var other = await StudentRecords.CreateTenantAsync(clients);
        foreach (var owner in new[] { tenant, other })
        {
            var stored = StudentRecords.Student(owner, StoredRecordId, "Ada Lovelace", "ada@example.org", DateTimeOffset.UnixEpoch);
            stored.IdempotencyKey = StoredIdempotencyKey;
            await clients.Records.PutRecordAsync(stored).Within();
        }

        foreach (var id in new[] { "stu-a", "stu-b" })
        {
            await clients.Records.PutRecordAsync(StudentRecords.Student(tenant, id, "Alan Turing", "alan@example.org", DateTimeOffset.UnixEpoch)).Within();
        }

        var page = await clients.Records.QueryRecordsAsync(new QueryRecordsRequest { TenantId = tenant, Collection = "students", Purpose = Purpose, PageSize = 2 }).Within();
        if (string.IsNullOrEmpty(page.NextPageToken))
        {
            throw new InvalidOperationException("the first page of three records in pages of two has no next page token");
        }

        var client = await clients.Tenants.RegisterClientAsync(new RegisterClientRequest
        {
            TenantId = tenant, DisplayName = "hostile tenant client", Scopes = { Scopes.All }, Purposes = { Purposes.Standard },
        }).Within();
        var token = await gateway.GetTokenAsync(client.Client.ClientId, client.ClientSecret).WaitAsync(RpcAssert.Timeout);
        return new HostileTarget(tenant, page.NextPageToken, other, client.Client.ClientId, client.ClientSecret, token);
    }
}
