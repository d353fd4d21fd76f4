using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Subjects;

/// <summary>The subject-rights collections as stored, read straight from MongoDB.</summary>
internal static class SubjectStore
{
    public static readonly string[] Collections = ["subject_profiles", "subject_consents", "communication_preferences"];

    public static IMongoCollection<BsonDocument> Consents(GatewayFixture gateway) =>
        gateway.MongoDatabase.GetCollection<BsonDocument>("subject_consents");

    /// <summary>Every profile, consent and preference of the tenant, for before/after comparisons.</summary>
    public static async Task<List<BsonDocument>> SnapshotAsync(GatewayFixture gateway, string tenantId)
    {
        var all = new List<BsonDocument>();
        foreach (var name in Collections)
        {
            all.AddRange(await gateway.MongoDatabase.GetCollection<BsonDocument>(name)
                .Find(new BsonDocument("t", tenantId)).Sort(new BsonDocument("_id", 1)).ToListAsync());
        }

        return all;
    }
}
