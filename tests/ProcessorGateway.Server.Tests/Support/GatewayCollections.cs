using System.Reflection;
using System.Text.RegularExpressions;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Storage.Mongo.Audit;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Support;

/// <summary>
/// The names of every collection the gateway may use, and every document in them. The development server has no
/// listCollections, so the names are the storage adapter's collection-name constants (any lowercase constant: a name
/// that is no collection reads as empty).
/// </summary>
internal static partial class GatewayCollections
{
    /// <summary>The audit chain and its checkpoints (and <c>audit_events</c>, where older versions kept events).</summary>
    public static readonly string[] Audit = [AuditStore.Blocks, AuditStore.Checkpoints, "audit_events"];

    public static readonly string[] Names = typeof(AuditStore).Assembly.GetTypes()
        .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .Where(name => LowercaseName().IsMatch(name))
        .Distinct(StringComparer.Ordinal)
        .ToArray();

    /// <summary>The gateway's three databases: records, key vault and shred ledger.</summary>
    public static IReadOnlyList<IMongoDatabase> Databases(GatewayFixture gateway)
    {
        var client = new MongoClient(TestServers.MongoConnectionString);
        return [client.GetDatabase(gateway.Database), client.GetDatabase(gateway.KeyVaultDatabase), client.GetDatabase(gateway.LedgerDatabase)];
    }

    /// <summary>Every document of every collection of the gateway's databases, audit included.</summary>
    public static async Task<List<StoredDocument>> EveryDocumentAsync(GatewayFixture gateway)
    {
        var all = new List<StoredDocument>();
        foreach (var database in Databases(gateway))
        {
            foreach (var name in Names)
            {
                var documents = await database.GetCollection<BsonDocument>(name).Find(FilterDefinition<BsonDocument>.Empty).ToListAsync();
                all.AddRange(documents.Select(d => new StoredDocument(database.DatabaseNamespace.DatabaseName, name, d)));
            }
        }

        return all;
    }

    [GeneratedRegex("^[a-z][a-z_]*$")]
    private static partial Regex LowercaseName();
}
