using System.Reflection;
using System.Text.RegularExpressions;
using System.Security.Cryptography;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Storage.Mongo.Audit;

namespace ProcessorGateway.Server.Tests.Hostile;

/// <summary>
/// Every collection of the given databases, each with its document count and a hash of its documents
/// (order-insensitive). The audit log and its checkpoints are left out: refused calls are audited by design. The development
/// server has no listCollections, so the names are the storage adapter's collection-name constants (any
/// lowercase constant: a name that is no collection reads as empty both times).
/// </summary>
internal sealed partial record DatabaseSnapshot(IReadOnlyDictionary<string, string> Collections)
{
    private static readonly string[] CollectionNames = typeof(AuditStore).Assembly.GetTypes()
        .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .Where(name => LowercaseName().IsMatch(name) && name is not AuditStore.Blocks and not AuditStore.Checkpoints)
        .Distinct(StringComparer.Ordinal)
        .ToArray();

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

    [GeneratedRegex("^[a-z][a-z_]*$")]
    private static partial Regex LowercaseName();

    public IEnumerable<string> DifferencesFrom(DatabaseSnapshot before) =>
        before.Collections.Keys.Union(Collections.Keys).Order(StringComparer.Ordinal)
            .Where(name => before.Collections.GetValueOrDefault(name) != Collections.GetValueOrDefault(name))
            .Select(name => $"{name}: {before.Collections.GetValueOrDefault(name) ?? "absent"} -> {Collections.GetValueOrDefault(name) ?? "absent"}");
}
