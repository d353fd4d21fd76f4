using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Storage.Mongo;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Shredding;

/// <summary>
/// A point-in-time copy of a gateway's databases, taken and put back with the driver as an SRE's
/// backup and restore would. What it covers is what a realistic backup covers: the records database
/// whole (tenants with their status, schemas, records with their blind indexes, idempotency keys,
/// OAuth clients) and the key-vault database whole (wrapped keys and the Data Protection key ring).
/// Each is a database with its own backup policy, restored as a unit. The shred ledger is not in it:
/// it lives in a database of its own that is never restored to an earlier point (docs/design.md §4), which is
/// exactly what lets the gateway keep destroyed keys destroyed after a restore.
/// </summary>
internal sealed class DatabaseBackup
{
    private static readonly string[] RecordsDatabaseCollections =
        [MongoContext.Tenants, MongoContext.Schemas, MongoContext.Records, MongoContext.Idempotency, MongoContext.Clients];

    private static readonly string[] KeyVaultCollections = [MongoContext.Keys, MongoContext.DataProtectionKeys];

    private readonly List<(IMongoCollection<BsonDocument> Collection, List<BsonDocument> Documents)> _copies;

    private DatabaseBackup(DateTimeOffset takenAt, List<(IMongoCollection<BsonDocument>, List<BsonDocument>)> copies)
    {
        TakenAt = takenAt;
        _copies = copies;
    }

    public DateTimeOffset TakenAt { get; }

    public static async Task<DatabaseBackup> TakeAsync(GatewayFixture gateway)
    {
        var takenAt = DateTimeOffset.UtcNow;
        var copies = new List<(IMongoCollection<BsonDocument>, List<BsonDocument>)>();
        foreach (var (database, names) in new[] { (gateway.MongoDatabase, RecordsDatabaseCollections), (gateway.MongoKeyVaultDatabase, KeyVaultCollections) })
        {
            foreach (var name in names)
            {
                var collection = database.GetCollection<BsonDocument>(name);
                copies.Add((collection, await collection.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync().WaitAsync(RpcAssert.Timeout)));
            }
        }

        return new DatabaseBackup(takenAt, copies);
    }

    /// <summary>Replaces the live collections' contents with the copies: everything written since the backup is gone.</summary>
    public async Task RestoreAsync()
    {
        foreach (var (collection, documents) in _copies)
        {
            await collection.DeleteManyAsync(FilterDefinition<BsonDocument>.Empty).WaitAsync(RpcAssert.Timeout);
            if (documents.Count > 0)
            {
                // Fresh copies of the documents: InsertMany may add fields to the ones it is given.
                await collection.InsertManyAsync(documents.Select(d => d.DeepClone().AsBsonDocument)).WaitAsync(RpcAssert.Timeout);
            }
        }
    }
}
