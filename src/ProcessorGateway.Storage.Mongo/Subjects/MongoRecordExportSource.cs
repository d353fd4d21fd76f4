using MongoDB.Driver;
using ProcessorGateway.Core.Records;
using ProcessorGateway.Core.Subjects;
using ProcessorGateway.Storage.Mongo.Records;

namespace ProcessorGateway.Storage.Mongo.Subjects;

/// <summary>Records for exports, through a cursor; the tenant export walks the (tenant, collection, record) index in order.</summary>
internal sealed class MongoRecordExportSource(MongoContext context) : IRecordExportSource
{
    private static readonly FilterDefinitionBuilder<RecordDocument> Filter = Builders<RecordDocument>.Filter;
    private static readonly SortDefinition<RecordDocument> ByCollectionAndId =
        Builders<RecordDocument>.Sort.Ascending(d => d.TenantId).Ascending(d => d.Collection).Ascending(d => d.RecordId);

    public IAsyncEnumerable<StoredRecord> StreamSubjectAsync(string tenantId, string subjectId, CancellationToken cancellationToken) =>
        MongoCursorStream.StreamAsync(context.RecordCollection, OfSubject(tenantId, subjectId), ByCollectionAndId, MongoRecordRepository.ToRecord, cancellationToken);

    public Task<long> CountSubjectAsync(string tenantId, string subjectId, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(() => context.RecordCollection.CountDocumentsAsync(OfSubject(tenantId, subjectId), cancellationToken: cancellationToken));

    public IAsyncEnumerable<StoredRecord> StreamTenantAsync(string tenantId, CancellationToken cancellationToken) =>
        MongoCursorStream.StreamAsync(context.RecordCollection, ForTenant(tenantId), ByCollectionAndId, MongoRecordRepository.ToRecord, cancellationToken);

    public Task<long> CountTenantAsync(string tenantId, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(() => context.RecordCollection.CountDocumentsAsync(ForTenant(tenantId), cancellationToken: cancellationToken));

    private static FilterDefinition<RecordDocument> OfSubject(string tenantId, string subjectId)
    {
        ArgumentException.ThrowIfNullOrEmpty(subjectId);
        return ForTenant(tenantId) & Filter.Eq(d => d.SubjectId, subjectId);
    }

    private static FilterDefinition<RecordDocument> ForTenant(string tenantId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        return Filter.Eq(d => d.TenantId, tenantId);
    }
}
