using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;

namespace ProcessorGateway.Server.Tests.Hostile;

/// <summary>What the hostile requests aim at: a tenant with the students collection, one stored record written under an idempotency key, and a real page token.</summary>
internal sealed record HostileTarget(string TenantId, string PageToken)
{
    public const string StoredRecordId = "stu-stored";
    public const string StoredIdempotencyKey = "hostile-stored-key-0001";
    public const string Purpose = StudentRecords.Purpose;

    public PutRecordRequest NewStudent(string recordId) =>
        StudentRecords.Student(TenantId, recordId, "Grace Hopper", "grace@example.org", DateTimeOffset.UnixEpoch);

    public static async Task<HostileTarget> CreateAsync(GrpcTestClients clients)
    {
        var tenant = await StudentRecords.CreateTenantAsync(clients);
        var stored = StudentRecords.Student(tenant, StoredRecordId, "Ada Lovelace", "ada@example.org", DateTimeOffset.UnixEpoch);
        stored.IdempotencyKey = StoredIdempotencyKey;
        await clients.Records.PutRecordAsync(stored).Within();
        foreach (var id in new[] { "stu-a", "stu-b" })
        {
            await clients.Records.PutRecordAsync(StudentRecords.Student(tenant, id, "Alan Turing", "alan@example.org", DateTimeOffset.UnixEpoch)).Within();
        }

        var page = await clients.Records.QueryRecordsAsync(new QueryRecordsRequest { TenantId = tenant, Collection = "students", Purpose = Purpose, PageSize = 2 }).Within();
        if (string.IsNullOrEmpty(page.NextPageToken))
        {
            throw new InvalidOperationException("the first page of three records in pages of two has no next page token");
        }

        return new HostileTarget(tenant, page.NextPageToken);
    }
}
