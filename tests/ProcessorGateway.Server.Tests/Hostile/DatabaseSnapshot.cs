using System.Security.Cryptography;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Storage.Mongo.Audit;

namespace ProcessorGateway.Server.Tests.Hostile;

/// <summary>
/// Every collection of the given databases, each with its document count and a hash of its documents
/// (order-insensitive), over <see cref="GatewayCollections.Names"/>. The audit log and its checkpoints are left out:
/// refused calls are audited by design.
/// </summary>
internal sealed record DatabaseSnapshot(IReadOnlyDictionary<string, string> Collections)
{
    private static readonly string[] CollectionNames = GatewayCollections.Names.Where(name => name is not AuditStore.Blocks and not AuditStore.Checkpoints).ToArray();

    public static async Task<DatabaseSnapshot> TakeAsync(IEnumerable<IMongoDatabase> databases, CancellationToken cancellationToken)
    {
        var collections = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var database in databases)
        {
            foreach (var name in CollectionNames)
            {
                var documents = await database.GetCollection<BsonDocument>(name).Find(FilterDefinition<BsonDocument>.Empty).ToListAsync(cancellationToken);
                var hashes = documents.Select(d => Convert.ToHexString(SHA256.HashData(d.ToBson()))).Order(StringComparer.Ordinal);
                var hash = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(string.Concat(hashes))));
                collections[$"{database.DatabaseNamespace.DatabaseName}.{name}"] = $"{documents.Count} documents, {hash[..16]}";
            }
        }

        return new DatabaseSnapshot(collections);
    }

    public IEnumerable<string> DifferencesFrom(DatabaseSnapshot before) =>
        before.Collections.Keys.Union(Collections.Keys).Order(StringComparer.Ordinal)
            .Where(name => before.Collections.GetValueOrDefault(name) != Collections.GetValueOrDefault(name))
            .Select(name => $"{name}: {before.Collections.GetValueOrDefault(name) ?? "absent"} -> {Collections.GetValueOrDefault(name) ?? "absent"}");
}
