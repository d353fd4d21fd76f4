using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Storage.Mongo.Records;
using static ProcessorGateway.Storage.Mongo.Erasure.ErasureRequestMapping;

namespace ProcessorGateway.Storage.Mongo.Erasure;

/// <summary>Reads the records collection for erasure: where a subject's records are, their dates, and counts. Never a ciphertext.</summary>
internal sealed class MongoErasureCensus(MongoContext context) : IErasureCensus
{
    private static readonly FilterDefinitionBuilder<RecordDocument> F = Builders<RecordDocument>.Filter;

    public Task<IReadOnlyList<SubjectRecord>> ListSubjectRecordsAsync(string tenantId, string subjectId, int limit, CancellationToken cancellationToken) =>
        ListAsync(F.Eq(d => d.TenantId, tenantId) & F.Eq(d => d.SubjectId, subjectId), limit, cancellationToken);

    public Task<IReadOnlyList<SubjectRecord>> ListCollectionRecordsAsync(string tenantId, string collection, int limit, CancellationToken cancellationToken) =>
        ListAsync(F.Eq(d => d.TenantId, tenantId) & F.Eq(d => d.Collection, collection), limit, cancellationToken);

    public async Task<IReadOnlyDictionary<string, long>> CountByCollectionAsync(string tenantId, string? subjectId, CancellationToken cancellationToken)
    {
        var match = new BsonDocument("t", tenantId);
        if (subjectId is not null)
        {
            match.Add("s", subjectId);
        }

        var pipeline = new[]
        {
            new BsonDocument("$match", match),
            new BsonDocument("$group", new BsonDocument { { "_id", "$c" }, { "n", new BsonDocument("$sum", 1) } }),
        };
        var groups = await MongoErrors.GuardAsync(async () =>
            await (await context.RecordCollection.AggregateAsync<BsonDocument>(pipeline, cancellationToken: cancellationToken).ConfigureAwait(false))
                .ToListAsync(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        return groups.ToDictionary(g => g["_id"].AsString, g => g["n"].ToInt64(), StringComparer.Ordinal);
    }

    private async Task<IReadOnlyList<SubjectRecord>> ListAsync(FilterDefinition<RecordDocument> filter, int limit, CancellationToken cancellationToken)
    {
        var found = await MongoErrors.GuardAsync(() => context.RecordCollection.Find(filter).Limit(limit).ToListAsync(cancellationToken)).ConfigureAwait(false);
        return found.Select(d => new SubjectRecord(d.Collection, d.RecordId, At(d.CreatedAt),
            d.Plain.Elements.Where(e => e.Value.BsonType == BsonType.DateTime)
                .ToDictionary(e => e.Name, e => DateTimeOffset.FromUnixTimeMilliseconds(e.Value.AsBsonDateTime.MillisecondsSinceEpoch), StringComparer.Ordinal),
            d.RetainedKeyId is null ? null : Guid.ParseExact(d.RetainedKeyId, "N")))
            .ToList();
    }
}
