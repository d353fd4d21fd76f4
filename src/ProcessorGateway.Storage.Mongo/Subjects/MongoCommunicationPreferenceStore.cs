using MongoDB.Driver;
using ProcessorGateway.Core.Subjects;

namespace ProcessorGateway.Storage.Mongo.Subjects;

internal sealed class MongoCommunicationPreferenceStore(SubjectCollections collections) : ICommunicationPreferenceStore
{
    private static readonly FilterDefinitionBuilder<CommunicationPreferenceDocument> Filter = Builders<CommunicationPreferenceDocument>.Filter;

    public Task UpsertAsync(CommunicationPreference preference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(preference);
        var document = new CommunicationPreferenceDocument
        {
            Id = $"{preference.TenantId}/{preference.SubjectId}/{preference.Channel}/{preference.Category}",
            TenantId = preference.TenantId,
            SubjectId = preference.SubjectId,
            Channel = preference.Channel,
            Category = preference.Category,
            Allowed = preference.Allowed,
            UpdatedAt = (preference.UpdatedAt ?? DateTimeOffset.UnixEpoch).UtcDateTime,
        };
        return MongoErrors.GuardAsync(() => collections.Preferences.ReplaceOneAsync(ForTenant(preference.TenantId) & Filter.Eq(d => d.Id, document.Id),
            document, new ReplaceOptions { IsUpsert = true }, cancellationToken));
    }

    public Task<IReadOnlyList<CommunicationPreference>> ListAsync(string tenantId, string subjectId, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            var documents = await collections.Preferences.Find(ForTenant(tenantId) & Filter.Eq(d => d.SubjectId, subjectId))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            IReadOnlyList<CommunicationPreference> preferences = documents.Select(ToPreference).ToList();
            return preferences;
        });

    public IAsyncEnumerable<CommunicationPreference> StreamAsync(string tenantId, CancellationToken cancellationToken) =>
        MongoCursorStream.StreamAsync(collections.Preferences, ForTenant(tenantId),
            Builders<CommunicationPreferenceDocument>.Sort.Ascending(d => d.SubjectId).Ascending(d => d.Id), ToPreference, cancellationToken);

    public Task<long> DeleteSubjectAsync(string tenantId, string subjectId, CancellationToken cancellationToken) =>
        MongoErrors.DeletedCountAsync(() => collections.Preferences.DeleteManyAsync(ForTenant(tenantId) & Filter.Eq(d => d.SubjectId, subjectId), cancellationToken));

    public Task<long> DeleteTenantAsync(string tenantId, CancellationToken cancellationToken) =>
        MongoErrors.DeletedCountAsync(() => collections.Preferences.DeleteManyAsync(ForTenant(tenantId), cancellationToken));

    private static FilterDefinition<CommunicationPreferenceDocument> ForTenant(string tenantId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        return Filter.Eq(d => d.TenantId, tenantId);
    }

    private static CommunicationPreference ToPreference(CommunicationPreferenceDocument document) =>
        new(document.TenantId, document.SubjectId, document.Channel, document.Category, document.Allowed, new DateTimeOffset(document.UpdatedAt, TimeSpan.Zero));
}
