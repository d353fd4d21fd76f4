using MongoDB.Driver;
using ProcessorGateway.Core.Subjects;

namespace ProcessorGateway.Storage.Mongo.Subjects;

internal sealed class MongoSubjectProfileStore(SubjectCollections collections) : ISubjectProfileStore
{
    private static readonly FilterDefinitionBuilder<SubjectProfileDocument> Filter = Builders<SubjectProfileDocument>.Filter;

    public Task<SubjectProfile?> FindAsync(string tenantId, string subjectId, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            var document = await collections.Profiles.Find(ForTenant(tenantId) & Filter.Eq(d => d.Id, Id(tenantId, subjectId)))
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            return document is null ? null : ToProfile(document);
        });

    public Task UpsertAsync(SubjectProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var document = new SubjectProfileDocument
        {
            Id = Id(profile.TenantId, profile.SubjectId),
            TenantId = profile.TenantId,
            SubjectId = profile.SubjectId,
            Minor = profile.Minor,
            UpdatedAt = (profile.UpdatedAt ?? DateTimeOffset.UnixEpoch).UtcDateTime,
        };
        return MongoErrors.GuardAsync(() => collections.Profiles.ReplaceOneAsync(ForTenant(profile.TenantId) & Filter.Eq(d => d.Id, document.Id), document,
            new ReplaceOptions { IsUpsert = true }, cancellationToken));
    }

    public IAsyncEnumerable<SubjectProfile> StreamAsync(string tenantId, CancellationToken cancellationToken) =>
        MongoCursorStream.StreamAsync(collections.Profiles, ForTenant(tenantId), Builders<SubjectProfileDocument>.Sort.Ascending(d => d.SubjectId),
            ToProfile, cancellationToken);

    public Task<long> DeleteSubjectAsync(string tenantId, string subjectId, CancellationToken cancellationToken) =>
        MongoErrors.DeletedCountAsync(() => collections.Profiles.DeleteManyAsync(ForTenant(tenantId) & Filter.Eq(d => d.SubjectId, subjectId), cancellationToken));

    public Task<long> DeleteTenantAsync(string tenantId, CancellationToken cancellationToken) =>
        MongoErrors.DeletedCountAsync(() => collections.Profiles.DeleteManyAsync(ForTenant(tenantId), cancellationToken));

    private static string Id(string tenantId, string subjectId) => $"{tenantId}/{subjectId}";

    private static FilterDefinition<SubjectProfileDocument> ForTenant(string tenantId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        return Filter.Eq(d => d.TenantId, tenantId);
    }

    private static SubjectProfile ToProfile(SubjectProfileDocument document) =>
        new(document.TenantId, document.SubjectId, document.Minor, new DateTimeOffset(document.UpdatedAt, TimeSpan.Zero));
}
