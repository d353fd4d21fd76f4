using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Records;
using ProcessorGateway.Storage.Mongo.Erasure;

namespace ProcessorGateway.Storage.Mongo.Records;

/// <summary>Every filter here starts with the tenant; <see cref="ForTenant"/> is the only way to build one.</summary>
internal sealed class MongoRecordRepository(MongoContext context) : IRecordRepository
{
    private const string CreatedAtElement = "ca";
    private const string WriteIdElement = "w";

    private static readonly FilterDefinitionBuilder<RecordDocument> Filter = Builders<RecordDocument>.Filter;

    // Every element a record document may hold but its id and creation time.
    private static readonly string[] RecordElements = MongoDB.Bson.Serialization.BsonClassMap.LookupClassMap(typeof(RecordDocument)).AllMemberMaps
        .Select(m => m.ElementName).Where(name => name is not "_id" and not CreatedAtElement).ToArray();

    public Task<bool> TryInsertAsync(string tenantId, StoredRecord record, CancellationToken cancellationToken)
    {
        CheckTenant(tenantId, record);
        return MongoErrors.TryInsertAsync(context.RecordCollection, ToDocument(record), cancellationToken);
    }

    public Task<bool> TryReplaceAsync(string tenantId, StoredRecord record, long expectedVersion, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            CheckTenant(tenantId, record);
            var result = await context.RecordCollection.UpdateOneAsync(
                ReplaceMatch(tenantId, record, expectedVersion), ReplaceKeepingCreation(ToDocument(record)), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            return result.MatchedCount == 1;
        });

    /// <summary>
    /// One unordered bulk write. When its reply accounts for every write (inserted plus matched, no write error), all
    /// landed. A reply without write errors means every insert landed, but counts matched replaces only as a total.
    /// After a write error the reply cannot be relied on per write: a real MongoDB reports a duplicate key per write,
    /// the development server refuses the whole bulk over one duplicate without saying which. So the records still in
    /// doubt are read back, once, and a write landed exactly when its record carries that write's own stamp
    /// (<see cref="RecordDocument.WriteId"/>).
    /// </summary>
    public Task<IReadOnlyList<bool>> TryWriteManyAsync(
        string tenantId, IReadOnlyList<(StoredRecord Record, long ExpectedVersion)> writes, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(writes);
            var documents = new List<RecordDocument>(writes.Count);
            var models = new List<WriteModel<RecordDocument>>(writes.Count);
            foreach (var (record, expectedVersion) in writes)
            {
                CheckTenant(tenantId, record);
                var document = ToDocument(record, ObjectId.GenerateNewId());
                documents.Add(document);
                models.Add(expectedVersion == 0
                    ? new InsertOneModel<RecordDocument>(document)
                    : new UpdateOneModel<RecordDocument>(ReplaceMatch(tenantId, record, expectedVersion), ReplaceKeepingCreation(document)));
            }

            var reply = models.Count == 0 ? BulkReply.AllLanded : await BulkWriteAsync(models, cancellationToken).ConfigureAwait(false);
            var inDoubt = documents.Where((_, i) => reply == BulkReply.WriteErrors || (reply == BulkReply.InsertsLanded && writes[i].ExpectedVersion != 0))
                .Select(d => d.Id).ToList();
            if (inDoubt.Count == 0)
            {
                IReadOnlyList<bool> all = documents.Select(_ => true).ToList();
                return all;
            }

            var stamps = await context.RecordCollection
                .Find(ForTenant(tenantId) & Filter.In(d => d.Id, inDoubt))
                .Project<BsonDocument>(Builders<RecordDocument>.Projection.Include(d => d.Id).Include(d => d.WriteId))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var stamped = stamps.Where(d => d.GetValue(WriteIdElement, BsonNull.Value).IsObjectId)
                .ToDictionary(d => d["_id"].AsString, d => d[WriteIdElement].AsObjectId, StringComparer.Ordinal);
            IReadOnlyList<bool> landed = documents
                .Select((d, i) => (reply == BulkReply.InsertsLanded && writes[i].ExpectedVersion == 0) || (stamped.TryGetValue(d.Id, out var stamp) && stamp == d.WriteId))
                .ToList();
            return landed;
        });

    public Task<bool> TryDeleteAsync(string tenantId, string collection, string recordId, long expectedVersion, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            // A kept record (legal hold, retention rule) is never deleted through here.
            var match = ForTenant(tenantId) & Filter.Eq(d => d.Id, DocumentId(tenantId, collection, recordId)) & Filter.Exists(d => d.RetainedKeyId, false);
            if (expectedVersion > 0)
            {
                match &= Filter.Eq(d => d.Version, expectedVersion);
            }

            var result = await context.RecordCollection.DeleteOneAsync(match, cancellationToken).ConfigureAwait(false);
            return result.DeletedCount == 1;
        });

    public Task<StoredRecord?> FindAsync(string tenantId, string collection, string recordId, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            var match = ForTenant(tenantId) & Filter.Eq(d => d.Id, DocumentId(tenantId, collection, recordId));
            var document = await context.RecordCollection.Find(match).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            return document is null ? null : ToRecord(document);
        });

    public Task<IReadOnlyList<StoredRecord>> FindManyAsync(string tenantId, IReadOnlyList<(string Collection, string RecordId)> records, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(records);
            var ids = records.Select(r => DocumentId(tenantId, r.Collection, r.RecordId)).Distinct(StringComparer.Ordinal).ToList();
            var documents = await context.RecordCollection.Find(ForTenant(tenantId) & Filter.In(d => d.Id, ids)).ToListAsync(cancellationToken).ConfigureAwait(false);
            return (IReadOnlyList<StoredRecord>)documents.Select(ToRecord).ToList();
        });

    public Task<IReadOnlyList<StoredRecord>> ListByDataKeyAsync(string tenantId, Guid dataKeyId, int limit, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            var id = dataKeyId.ToString("N");
            var documents = await context.RecordCollection.Find(ForTenant(tenantId) & Filter.Eq(d => d.DataKeyId, id)).Limit(limit)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            IReadOnlyList<StoredRecord> found = documents.Select(ToRecord).ToList();
            return found;
        });

    public Task<long> DeleteSubjectRecordsAsync(string tenantId, string subjectId, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
            (await context.RecordCollection.DeleteManyAsync(
                ForTenant(tenantId) & Filter.Eq(d => d.SubjectId, subjectId) & Filter.Exists(d => d.RetainedKeyId, false), cancellationToken).ConfigureAwait(false))
                .DeletedCount);

    public Task<long> DeleteRetainedRecordsAsync(string tenantId, Guid retainedKeyId, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
            (await context.RecordCollection.DeleteManyAsync(ForTenant(tenantId) & Filter.Eq(d => d.RetainedKeyId, retainedKeyId.ToString("N")), cancellationToken)
                .ConfigureAwait(false)).DeletedCount);

    public Task<long> DeleteTenantRecordsAsync(string tenantId, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
            (await context.RecordCollection.DeleteManyAsync(ForTenant(tenantId), cancellationToken).ConfigureAwait(false)).DeletedCount);

    public Task RemoveBlindIndexesAsync(string tenantId, string subjectId, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(() => context.RecordCollection.UpdateManyAsync(
            ForTenant(tenantId) & Filter.Eq(d => d.SubjectId, subjectId),
            Builders<RecordDocument>.Update.Set(d => d.BlindIndexes, []).Unset(d => d.NameTokens),
            cancellationToken: cancellationToken));

    public Task<IReadOnlyList<StoredRecord>> QueryAsync(string tenantId, RecordQuery query, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(query);
            var match = ForTenant(tenantId) & Filter.Eq(d => d.Collection, query.Collection);
            if (query.SubjectId is not null)
            {
                match &= Filter.Eq(d => d.SubjectId, query.SubjectId);
            }

            foreach (var (field, value) in query.PlainEquals)
            {
                // Field names are validated identifiers ([a-z0-9_]), so the path cannot reach outside "p".
                match &= Filter.Eq($"p.{field}", BsonFieldValues.ToBson(value));
            }

            foreach (var token in query.BlindIndexTokens)
            {
                match &= Filter.AnyEq(d => d.BlindIndexes, token);
            }

            foreach (var token in query.NameTokens)
            {
                match &= Filter.AnyEq(d => d.NameTokens!, token);
            }

            if (query.AfterRecordId is not null)
            {
                match &= Filter.Gt(d => d.RecordId, query.AfterRecordId);
            }

            var documents = await context.RecordCollection.Find(match).SortBy(d => d.RecordId).Limit(query.Limit)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            IReadOnlyList<StoredRecord> records = documents.Select(ToRecord).ToList();
            return records;
        });

    internal static string DocumentId(string tenantId, string collection, string recordId) => $"{tenantId}/{collection}/{recordId}";

    private static FilterDefinition<RecordDocument> ForTenant(string tenantId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        return Filter.Eq(d => d.TenantId, tenantId);
    }

    /// <summary>A replace's match: the record at the expected version, and never a kept one (legal hold, retention rule): a write would put it back under the destroyed subject key.</summary>
    private static FilterDefinition<RecordDocument> ReplaceMatch(string tenantId, StoredRecord record, long expectedVersion) =>
        ForTenant(tenantId) & Filter.Eq(d => d.Id, DocumentId(tenantId, record.Collection, record.RecordId))
        & Filter.Eq(d => d.Version, expectedVersion) & Filter.Exists(d => d.RetainedKeyId, false);

    /// <summary>What a bulk reply says; errors other than the writes' own (an outage, a write concern) are thrown.</summary>
    private async Task<BulkReply> BulkWriteAsync(List<WriteModel<RecordDocument>> models, CancellationToken cancellationToken)
    {
        try
        {
            var result = await context.RecordCollection.BulkWriteAsync(models, new BulkWriteOptions { IsOrdered = false }, cancellationToken).ConfigureAwait(false);
            return !result.IsAcknowledged ? BulkReply.WriteErrors
                : result.InsertedCount + result.MatchedCount == models.Count ? BulkReply.AllLanded
                : BulkReply.InsertsLanded;
        }
        catch (MongoException e) when (MongoErrors.IsRefusedBulk(e))
        {
            return BulkReply.WriteErrors;
        }
    }

    /// <summary>
    /// A whole replacement as one update: every element of the new document set, those it leaves out unset,
    /// the creation time kept, so a writer need not read the record first to carry it over.
    /// </summary>
    private static BsonDocumentUpdateDefinition<RecordDocument> ReplaceKeepingCreation(RecordDocument document)
    {
        var replacement = document.ToBsonDocument();
        var set = new BsonDocument(replacement.Elements.Where(e => e.Name is not "_id" and not CreatedAtElement));
        var update = new BsonDocument("$set", set);
        var unset = new BsonDocument(RecordElements.Where(name => !replacement.Contains(name)).Select(name => new BsonElement(name, 1)));
        if (unset.ElementCount > 0)
        {
            update.Add("$unset", unset);
        }

        return new BsonDocumentUpdateDefinition<RecordDocument>(update);
    }

    private static void CheckTenant(string tenantId, StoredRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.TenantId != tenantId)
        {
            throw new ArgumentException("a record is written only under its own tenant", nameof(record));
        }
    }

    private static RecordDocument ToDocument(StoredRecord record, ObjectId? writeId = null) => new()
    {
        WriteId = writeId,
        Id = DocumentId(record.TenantId, record.Collection, record.RecordId),
        TenantId = record.TenantId,
        Collection = record.Collection,
        RecordId = record.RecordId,
        SubjectId = record.SubjectId,
        Version = record.Version,
        SchemaVersion = record.SchemaVersion,
        Plain = new BsonDocument(record.Plain.Select(p => new BsonElement(p.Key, BsonFieldValues.ToBson(p.Value)))),
        Encrypted = new BsonDocument(record.Encrypted.Select(e => new BsonElement(e.Key, new BsonBinaryData(e.Value)))),
        BlindIndexes = [.. record.BlindIndexes],
        NameTokens = record.NameTokens.Count == 0 ? null : [.. record.NameTokens],
        SubjectKeyId = record.SubjectKey?.Id.ToString("N"),
        SubjectKeyVersion = record.SubjectKey?.Version,
        DataKeyId = record.DataKey?.Id.ToString("N"),
        DataKeyVersion = record.DataKey?.Version,
        RetainedKeyId = record.Retention?.Key.Id.ToString("N"),
        RetainedKeyVersion = record.Retention?.Key.Version,
        Kept = record.Retention is { } kept
            ? new RetentionDocument
            {
                RequestId = kept.RequestId,
                Grounds = kept.Grounds.Select(g => new BlockedRecordDocument
                {
                    Collection = record.Collection, RecordId = record.RecordId, HeldBy = g.HeldBy, Reason = g.Reason, RetainedUntil = g.RetainedUntil?.UtcDateTime,
                }).ToList(),
            }
            : null,
        LastIdempotencyKey = record.LastIdempotencyKey,
        CreatedAt = record.CreatedAt.UtcDateTime,
        UpdatedAt = record.UpdatedAt.UtcDateTime,
    };

    internal static StoredRecord ToRecord(RecordDocument document) => new(
        document.TenantId,
        document.Collection,
        document.RecordId,
        document.SubjectId,
        document.Version,
        document.SchemaVersion,
        document.Plain.ToDictionary(e => e.Name, e => BsonFieldValues.FromBson(e.Value), StringComparer.Ordinal),
        document.Encrypted.ToDictionary(e => e.Name, e => e.Value.AsBsonBinaryData.Bytes, StringComparer.Ordinal),
        document.BlindIndexes,
        document.SubjectKeyId is null ? null : new KeyReference(Guid.ParseExact(document.SubjectKeyId, "N"), document.SubjectKeyVersion ?? 1),
        document.LastIdempotencyKey,
        new DateTimeOffset(document.CreatedAt, TimeSpan.Zero),
        new DateTimeOffset(document.UpdatedAt, TimeSpan.Zero))
    {
        DataKey = document.DataKeyId is null ? null : new KeyReference(Guid.ParseExact(document.DataKeyId, "N"), document.DataKeyVersion ?? 1),
        NameTokens = document.NameTokens ?? [],
        Retention = document.RetainedKeyId is null
            ? null
            : new RecordRetention(new KeyReference(Guid.ParseExact(document.RetainedKeyId, "N"), document.RetainedKeyVersion ?? 1), document.Kept?.RequestId ?? "",
                document.Kept?.Grounds.Select(g => new RetentionGround(g.HeldBy, g.Reason,
                    g.RetainedUntil is { } until ? new DateTimeOffset(DateTime.SpecifyKind(until, DateTimeKind.Utc), TimeSpan.Zero) : null)).ToList() ?? []),
    };

    private enum BulkReply
    {
        /// <summary>Every write landed.</summary>
        AllLanded,

        /// <summary>No write error, so every insert landed; some replace matched nothing.</summary>
        InsertsLanded,

        /// <summary>Some write failed, or the server refused the bulk as a whole: nothing is known per write.</summary>
        WriteErrors,
    }
}
