using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Core.Records;
using ProcessorGateway.Core.Retention;
using ProcessorGateway.Core.Schemas;

namespace ProcessorGateway.Storage.Mongo.Records;

/// <summary>
/// The retention job's queries on the records collection. Creation and update times are served by the
/// <c>tenant_collection_created</c> and <c>tenant_collection_updated</c> indexes (tenant, collection, time,
/// record: range and page order in one); a date field, named by the schema, by the tenant and collection prefix.
/// </summary>
internal sealed class MongoRetentionStore(MongoContext context) : IRetentionStore
{
    private static readonly FilterDefinitionBuilder<RecordDocument> Filter = Builders<RecordDocument>.Filter;

    public Task<IReadOnlyList<StoredRecord>> ListDueAsync(string tenantId, DueQuery query, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(query);
            var start = StartElement(query);
            var match = Due(tenantId, query);
            if (query.After is { } after)
            {
                var at = new BsonDateTime(after.Start.UtcDateTime);
                match &= Filter.Gt(start, at) | (Filter.Eq(start, at) & Filter.Gt(d => d.RecordId, after.RecordId));
            }

            var documents = await context.RecordCollection.Find(match)
                .Sort(Builders<RecordDocument>.Sort.Ascending(start).Ascending(d => d.RecordId)).Limit(query.Limit)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            IReadOnlyList<StoredRecord> due = documents.Select(MongoRecordRepository.ToRecord).ToList();
            return due;
        });

    public Task<long> CountDueAsync(string tenantId, DueQuery query, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(() => context.RecordCollection.CountDocumentsAsync(Due(tenantId, query), cancellationToken: cancellationToken));

    public Task<bool> TryEraseFieldsAsync(
        string tenantId, string collection, string recordId, long expectedVersion, IReadOnlyCollection<string> fields, IReadOnlyList<byte[]> blindIndexes,
        IReadOnlyList<byte[]> nameTokens, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            ArgumentException.ThrowIfNullOrEmpty(tenantId);
            ArgumentNullException.ThrowIfNull(fields);
            var match = Filter.Eq(d => d.TenantId, tenantId) & Filter.Eq(d => d.Id, MongoRecordRepository.DocumentId(tenantId, collection, recordId))
                & Filter.Eq(d => d.Version, expectedVersion) & Filter.Exists(d => d.RetainedKeyId, false);
            ArgumentNullException.ThrowIfNull(nameTokens);
            var update = Builders<RecordDocument>.Update.Set(d => d.Version, expectedVersion + 1).Set(d => d.BlindIndexes, blindIndexes.ToList());
            update = nameTokens.Count > 0 ? update.Set(d => d.NameTokens, nameTokens.ToList()) : update.Unset(d => d.NameTokens);
            foreach (var field in fields)
            {
                // Field names are validated identifiers ([a-z0-9_]); a field's class never changes, but both places are cleared regardless.
                update = update.Unset($"p.{field}").Unset($"e.{field}");
            }

            var result = await context.RecordCollection.UpdateOneAsync(match, update, cancellationToken: cancellationToken).ConfigureAwait(false);
            return result.MatchedCount == 1;
        });

    private static FilterDefinition<RecordDocument> Due(string tenantId, DueQuery query)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentNullException.ThrowIfNull(query);

        // Only a date compares with a date, so a record whose date field holds no timestamp is never due.
        var match = Filter.Eq(d => d.TenantId, tenantId) & Filter.Eq(d => d.Collection, query.Collection)
            & Filter.Lte(StartElement(query), new BsonDateTime(query.Cutoff.UtcDateTime)) & Filter.Exists(d => d.RetainedKeyId, false);
        return query.Field is { } field ? match & Filter.Exists(query.FieldIsPlain ? $"p.{field}" : $"e.{field}") : match;
    }

    private static string StartElement(DueQuery query) => query.Start switch
    {
        RetentionStart.RecordUpdated => "ua",
        RetentionStart.DateField => $"p.{query.DateField}",
        _ => "ca",
    };
}
