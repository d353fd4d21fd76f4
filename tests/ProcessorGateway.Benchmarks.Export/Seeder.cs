using Microsoft.Extensions.DependencyInjection;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Core.Crypto;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Benchmarks.Export;

/// <summary>
/// A tenant of <c>students</c> records in the stored document shape, with real codec output: the tenant
/// and its subject keys are made by the gateway itself, the fields encrypted with <see cref="FieldCipher"/>
/// under the subject's key and indexed with <see cref="BlindIndex"/>, then loaded with InsertMany (single
/// inserts into one collection slow down as it grows on the development server: docs/dev-mongo.md).
/// </summary>
internal static class Seeder
{
    private const int BatchSize = 25_000;
    private const int SchemaVersion = 1;

    public static async Task SeedAsync(BenchmarkGateway gateway, string tenantId, int records, int subjects, CancellationToken cancellationToken)
    {
        var operatorClients = new Contracts.V1.TenantService.TenantServiceClient(gateway.Channel);
        await operatorClients.CreateTenantAsync(new Contracts.V1.CreateTenantRequest { TenantId = tenantId, DisplayName = "Export benchmark school", Templates = { "students" } },
            cancellationToken: cancellationToken);
        var tenant = await gateway.Services.GetRequiredService<Core.Tenants.TenantService>().GetActiveAsync(tenantId, cancellationToken);
        var keyring = gateway.Services.GetRequiredService<TenantKeyring>();
        using var indexKey = await keyring.GetIndexKeyAsync(tenant, cancellationToken);
        var keys = new List<KeyMaterial>(subjects);
        try
        {
            for (var s = 0; s < subjects; s++)
            {
                keys.Add(await keyring.GetSubjectKeyAsync(tenant, SubjectId(s), cancellationToken));
            }

            var collection = gateway.MongoDatabase.GetCollection<BsonDocument>("records");
            var now = DateTime.UtcNow;
            for (var start = 0; start < records; start += BatchSize)
            {
                var batch = Enumerable.Range(start, Math.Min(BatchSize, records - start))
                    .Select(i => Document(tenantId, i, SubjectId(i % subjects), keys[i % subjects], indexKey, now)).ToList();
                await collection.InsertManyAsync(batch, new InsertManyOptions { IsOrdered = false }, cancellationToken);
            }
        }
        finally
        {
            keys.ForEach(k => k.Dispose());
        }
    }

    private static string SubjectId(int s) => $"subj-{s:D6}";

    private static BsonDocument Document(string tenantId, int i, string subjectId, KeyMaterial subjectKey, KeyMaterial indexKey, DateTime now)
    {
        var recordId = $"stu-{i:D7}";
        var personal = new Dictionary<string, FieldValue>(StringComparer.Ordinal)
        {
            ["full_name"] = new StringValue($"Student Number {i}"),
            ["email"] = new StringValue($"student{i}@example.org"),
            ["date_of_birth"] = new TimestampValue(new DateTimeOffset(2012, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(i % 2000)),
            ["phone"] = new StringValue($"+44 20 7946 {i % 10000:D4}"),
            ["address"] = new StringValue($"{i % 300} Example Street, Exampletown"),
        };
        var encrypted = new BsonDocument();
        var tokens = new BsonArray();
        foreach (var (name, value) in personal)
        {
            encrypted[name] = new BsonBinaryData(FieldCipher.Encrypt(subjectKey, value, new FieldContext(tenantId, "students", recordId, name, SchemaVersion)));
            if (name is "full_name" or "email")
            {
                foreach (var token in BlindIndex.Tokens(indexKey, "students", name, value))
                {
                    tokens.Add(new BsonBinaryData(token));
                }
            }
        }

        return new BsonDocument
        {
            { "_id", $"{tenantId}/students/{recordId}" }, { "t", tenantId }, { "c", "students" }, { "r", recordId }, { "s", subjectId },
            { "v", 1L }, { "sv", SchemaVersion },
            { "p", new BsonDocument { { "grade_level", (i % 12 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) }, { "class_section", "b" }, { "enrolment_status", "enrolled" }, { "is_minor", true } } },
            { "e", encrypted }, { "bi", tokens }, { "sk", subjectKey.Reference.Id.ToString("N") }, { "skv", subjectKey.Reference.Version },
            { "ca", now }, { "ua", now },
        };
    }
}
