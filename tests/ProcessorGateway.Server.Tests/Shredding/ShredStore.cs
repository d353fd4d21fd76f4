using Grpc.Net.Client;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Storage.Mongo;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Shredding;

/// <summary>
/// What shredding left behind, read straight from MongoDB: the key vault, the shred ledger (in its
/// own database) and the records' blind indexes.
/// </summary>
internal sealed class ShredStore(GatewayFixture gateway)
{
    public RawStore Raw { get; } = new(gateway);

    public IMongoCollection<BsonDocument> Keys => Raw.Keys;

    public Task<BsonDocument?> RecordAsync(string tenantId, string collection, string recordId) =>
        Raw.RecordAsync(tenantId, collection, recordId).WaitAsync(RpcAssert.Timeout);

    /// <summary>Everything a rejected call could have written (see <see cref="RawStore.SnapshotAsync"/>).</summary>
    public Task<string> SnapshotAsync(string tenantId) => Raw.SnapshotAsync(tenantId).WaitAsync(RpcAssert.Timeout);

    public IMongoCollection<BsonDocument> Ledger =>
        new MongoClient(TestServers.MongoConnectionString).GetDatabase(gateway.LedgerDatabase).GetCollection<BsonDocument>(MongoContext.ShredLedger);

    public async Task<List<BsonDocument>> SubjectKeysAsync(string tenantId, string subjectId) =>
        await Keys.Find(new BsonDocument { { "t", tenantId }, { "s", subjectId } }).ToListAsync().WaitAsync(RpcAssert.Timeout);

    public async Task<List<string>> TenantKeyIdsAsync(string tenantId) =>
        (await Keys.Find(new BsonDocument("t", tenantId)).ToListAsync().WaitAsync(RpcAssert.Timeout)).Select(d => d["_id"].AsString).ToList();

    public async Task<List<BsonDocument>> KeysWithIdsAsync(IEnumerable<string> keyIds) =>
        await Keys.Find(Builders<BsonDocument>.Filter.In("_id", keyIds)).ToListAsync().WaitAsync(RpcAssert.Timeout);

    public async Task<List<BsonDocument>> TombstonesAsync(string tenantId, string? subjectId = null) =>
        await Ledger.Find(subjectId is null ? new BsonDocument("t", tenantId) : new BsonDocument { { "t", tenantId }, { "s", subjectId } })
            .ToListAsync().WaitAsync(RpcAssert.Timeout);

    public async Task<List<string>> LedgerKeyIdsAsync() =>
        (await Ledger.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync().WaitAsync(RpcAssert.Timeout)).Select(d => d["_id"].AsString).ToList();

    /// <summary>The blind-index tokens of one stored record (the <c>bi</c> array).</summary>
    public async Task<BsonArray> BlindIndexesAsync(string tenantId, string collection, string recordId)
    {
        var document = await RecordAsync(tenantId, collection, recordId);
        Assert.True(document is not null, $"record {collection}/{recordId} of {tenantId} is not stored");
        return document["bi"].AsBsonArray;
    }

    /// <summary>Paths of every binary value in a document, however deeply nested: key material would be binary.</summary>
    public static List<string> BinaryPaths(BsonValue value, string path = "")
    {
        var found = new List<string>();
        switch (value)
        {
            case BsonBinaryData:
                found.Add(path);
                break;
            case BsonDocument document:
                foreach (var element in document)
                {
                    found.AddRange(BinaryPaths(element.Value, $"{path}.{element.Name}"));
                }

                break;
            case BsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    found.AddRange(BinaryPaths(array[i], $"{path}[{i}]"));
                }

                break;
        }

        return found;
    }
}

/// <summary>Clients and requests the shredding tests share.</summary>
internal static class Shreds
{
    public const string Reason = "data subject asked for erasure (ticket 4711)";

    public static EraseSubjectRequest Erase(string tenantId, string subjectId, string reason = Reason) =>
        new() { TenantId = tenantId, SubjectId = subjectId, Reason = reason };

    public static GetRecordRequest Get(string tenantId, string collection, string recordId, string purpose = StudentRecords.Purpose) =>
        new() { TenantId = tenantId, Collection = collection, RecordId = recordId, Purpose = purpose };

    /// <summary>A client of the tenant with exactly these scopes, through the real RegisterClient and token endpoint.</summary>
    public static async Task<(string ClientId, GrpcChannel Channel)> TenantClientAsync(GatewayFixture gateway, string tenantId, params string[] scopes)
    {
        var registered = await new GrpcTestClients(gateway.Channel).Tenants.RegisterClientAsync(new RegisterClientRequest
        {
            TenantId = tenantId, DisplayName = "shredding test client", Scopes = { scopes }, Purposes = { Purposes.Standard },
        }).Within();
        var channel = await gateway.CreateChannelAsync(registered.Client.ClientId, registered.ClientSecret).WaitAsync(RpcAssert.Timeout);
        return (registered.Client.ClientId, channel);
    }

    /// <summary>A student and a plain attendance row about the same subject (<c>subj-{studentId}</c>).</summary>
    public static async Task PutStudentWithAttendanceAsync(GrpcTestClients clients, string tenantId, string studentId, string name)
    {
        await clients.Records.PutRecordAsync(StudentRecords.Student(tenantId, studentId, name, $"{studentId}@example.org", DateTimeOffset.UnixEpoch)).Within();
        await clients.Records.PutRecordAsync(StudentRecords.Attendance(tenantId, $"att-{studentId}", studentId)).Within();
    }
}
