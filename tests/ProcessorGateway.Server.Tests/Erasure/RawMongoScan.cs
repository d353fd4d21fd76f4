using System.Text;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Erasure;

/// <summary>
/// Every document of every collection of the gateway's three databases (records, key vault, ledger), as
/// stored. The collections are listed by the server where it can (the development server cannot), and
/// always include every collection the gateway writes.
/// </summary>
internal static class RawMongoScan
{
    private static readonly string[] Known =
    [
        "tenants", "schemas", "records", "idempotency_keys", "oauth_clients", "purge_log", "notification_channels", "notification_outbox",
        "erasure_requests", "erasure_calendars", "legal_holds", "retention_rules", "audit_blocks", "audit_events", "subject_profiles",
        "subject_consents", "communication_preferences", "keys", "dataprotection_keys", "shred_ledger", "audit_checkpoints",
    ];

    /// <returns>Where (database/collection/_id) a document holds any of the needles, in its JSON or its binary fields as text.</returns>
    public static async Task<List<string>> FindAsync(GatewayFixture gateway, IReadOnlyCollection<string> needles)
    {
        var client = new MongoClient(TestServers.MongoConnectionString);
        var found = new List<string>();
        foreach (var name in new[] { gateway.Database, gateway.KeyVaultDatabase, gateway.LedgerDatabase })
        {
            var database = client.GetDatabase(name);
            var collections = new HashSet<string>(Known, StringComparer.Ordinal);
            try
            {
                collections.UnionWith(await (await database.ListCollectionNamesAsync()).ToListAsync());
            }
            catch (MongoCommandException e) when (e.Code == 59)
            {
                // The development server has no listCollections: the known names stand.
            }

            foreach (var collection in collections)
            {
                foreach (var document in await database.GetCollection<BsonDocument>(collection).Find(FilterDefinition<BsonDocument>.Empty).ToListAsync())
                {
                    var text = document.ToJson() + "\n" + string.Join("\n", Binaries(document).Select(b => Encoding.UTF8.GetString(b)));
                    if (needles.Any(n => text.Contains(n, StringComparison.OrdinalIgnoreCase)))
                    {
                        found.Add($"{name}/{collection}/{document.GetValue("_id", BsonNull.Value)}");
                    }
                }
            }
        }

        return found;
    }

    /// <summary>The address and its obvious encodings: as is, base64 and base64url of its UTF-8, hex, and URL-encoded.</summary>
    public static string[] Encodings(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var base64 = Convert.ToBase64String(bytes);
        return [value, base64.TrimEnd('='), base64.TrimEnd('=').Replace('+', '-').Replace('/', '_'), Convert.ToHexString(bytes), Uri.EscapeDataString(value)];
    }

    private static IEnumerable<byte[]> Binaries(BsonValue value) => value switch
    {
        BsonBinaryData binary => [binary.Bytes],
        BsonDocument document => document.Values.SelectMany(Binaries),
        BsonArray array => array.SelectMany(Binaries),
        _ => [],
    };
}
