using MongoDB.Driver;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Subjects;

namespace ProcessorGateway.Storage.Mongo.Subjects;

internal sealed class MongoConsentStore(SubjectCollections collections) : IConsentStore
{
    private static readonly FilterDefinitionBuilder<ConsentDocument> Filter = Builders<ConsentDocument>.Filter;

    public Task InsertAsync(StoredConsent consent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consent);
        return MongoErrors.GuardAsync(() => collections.Consents.InsertOneAsync(ToDocument(consent), cancellationToken: cancellationToken));
    }

    public Task<IReadOnlyList<StoredConsent>> ListAsync(string tenantId, string subjectId, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            var documents = await collections.Consents.Find(ForTenant(tenantId) & Filter.Eq(d => d.SubjectId, subjectId))
                .SortBy(d => d.GrantedAt).ThenBy(d => d.ConsentId).ToListAsync(cancellationToken).ConfigureAwait(false);
            IReadOnlyList<StoredConsent> consents = documents.Select(ToConsent).ToList();
            return consents;
        });

    public Task<StoredConsent?> WithdrawAsync(string tenantId, string subjectId, string consentId, DateTimeOffset withdrawnAt, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            var id = ForTenant(tenantId) & Filter.Eq(d => d.Id, Id(tenantId, subjectId, consentId));

            // Only the first withdrawal sets the time; a repeat returns the consent as it is.
            await collections.Consents.UpdateOneAsync(id & Filter.Exists(d => d.WithdrawnAt, exists: false),
                Builders<ConsentDocument>.Update.Set(d => d.WithdrawnAt, withdrawnAt.UtcDateTime), cancellationToken: cancellationToken).ConfigureAwait(false);
            var document = await collections.Consents.Find(id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            return document is null ? null : ToConsent(document);
        });

    public IAsyncEnumerable<StoredConsent> StreamAsync(string tenantId, CancellationToken cancellationToken) =>
        MongoCursorStream.StreamAsync(collections.Consents, ForTenant(tenantId),
            Builders<ConsentDocument>.Sort.Ascending(d => d.SubjectId).Ascending(d => d.GrantedAt), ToConsent, cancellationToken);

    public Task<long> DeleteSubjectAsync(string tenantId, string subjectId, CancellationToken cancellationToken) =>
        MongoErrors.DeletedCountAsync(() => collections.Consents.DeleteManyAsync(ForTenant(tenantId) & Filter.Eq(d => d.SubjectId, subjectId), cancellationToken));

    public Task<long> DeleteTenantAsync(string tenantId, CancellationToken cancellationToken) =>
        MongoErrors.DeletedCountAsync(() => collections.Consents.DeleteManyAsync(ForTenant(tenantId), cancellationToken));

    private static string Id(string tenantId, string subjectId, string consentId) => $"{tenantId}/{subjectId}/{consentId}";

    private static FilterDefinition<ConsentDocument> ForTenant(string tenantId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        return Filter.Eq(d => d.TenantId, tenantId);
    }

    private static ConsentDocument ToDocument(StoredConsent consent) => new()
    {
        Id = Id(consent.TenantId, consent.SubjectId, consent.ConsentId),
        TenantId = consent.TenantId,
        SubjectId = consent.SubjectId,
        ConsentId = consent.ConsentId,
        Purposes = [.. consent.Purposes],
        GrantedAt = consent.GrantedAt.UtcDateTime,
        ExpiresAt = consent.ExpiresAt?.UtcDateTime,
        WithdrawnAt = consent.WithdrawnAt?.UtcDateTime,
        SubjectKeyId = consent.SubjectKey?.Id.ToString("N"),
        SubjectKeyVersion = consent.SubjectKey?.Version,
        GrantorName = consent.GrantorName,
        GrantorRelationship = consent.GrantorRelationship,
    };

    private static StoredConsent ToConsent(ConsentDocument document) => new(
        document.TenantId,
        document.SubjectId,
        document.ConsentId,
        document.Purposes,
        new DateTimeOffset(document.GrantedAt, TimeSpan.Zero),
        document.ExpiresAt is { } expires ? new DateTimeOffset(expires, TimeSpan.Zero) : null,
        document.WithdrawnAt is { } withdrawn ? new DateTimeOffset(withdrawn, TimeSpan.Zero) : null,
        document.SubjectKeyId is null ? null : new KeyReference(Guid.ParseExact(document.SubjectKeyId, "N"), document.SubjectKeyVersion ?? 1),
        document.GrantorName,
        document.GrantorRelationship);
}
