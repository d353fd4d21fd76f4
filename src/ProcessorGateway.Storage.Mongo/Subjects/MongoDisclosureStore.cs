using MongoDB.Driver;
using ProcessorGateway.Core.Paging;
using ProcessorGateway.Core.Subjects;

namespace ProcessorGateway.Storage.Mongo.Subjects;

internal sealed class MongoDisclosureStore(SubjectCollections collections) : IDisclosureStore
{
    private static readonly FilterDefinitionBuilder<DisclosureDocument> Filter = Builders<DisclosureDocument>.Filter;

    public Task InsertAsync(Disclosure disclosure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(disclosure);
        return MongoErrors.GuardAsync(() => collections.Disclosures.InsertOneAsync(ToDocument(disclosure), cancellationToken: cancellationToken));
    }

    public Task<IReadOnlyList<Disclosure>> ListAsync(string tenantId, string? subjectId, TimedPosition? after, int limit, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            var filter = ForTenant(tenantId, subjectId);
            if (after is not null)
            {
                var at = after.At.UtcDateTime;
                filter &= Filter.Gt(d => d.RecordedAt, at) | (Filter.Eq(d => d.RecordedAt, at) & Filter.Gt(d => d.Id, after.Id));
            }

            var documents = await collections.Disclosures.Find(filter).SortBy(d => d.RecordedAt).ThenBy(d => d.Id).Limit(limit)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            IReadOnlyList<Disclosure> disclosures = documents.Select(ToDisclosure).ToList();
            return disclosures;
        });

    public IAsyncEnumerable<Disclosure> StreamSubjectAsync(string tenantId, string subjectId, CancellationToken cancellationToken) =>
        MongoCursorStream.StreamAsync(collections.Disclosures, ForTenant(tenantId, subjectId),
            Builders<DisclosureDocument>.Sort.Ascending(d => d.RecordedAt).Ascending(d => d.Id), ToDisclosure, cancellationToken);

    private static FilterDefinition<DisclosureDocument> ForTenant(string tenantId, string? subjectId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        var filter = Filter.Eq(d => d.TenantId, tenantId);
        return subjectId is null ? filter : filter & Filter.AnyEq(d => d.SubjectIds, subjectId);
    }

    private static DisclosureDocument ToDocument(Disclosure disclosure) => new()
    {
        Id = disclosure.DisclosureId,
        TenantId = disclosure.TenantId,
        Recipient = disclosure.Recipient,
        RecipientKind = DisclosureNames.Of(disclosure.RecipientKind),
        LegalBasis = DisclosureNames.Of(disclosure.LegalBasis),
        ConsentId = disclosure.ConsentId,
        Reference = disclosure.Reference,
        Purpose = disclosure.Purpose,
        SubjectIds = [.. disclosure.SubjectIds],
        Collections = [.. disclosure.Collections],
        Fields = [.. disclosure.Fields],
        DisclosedAt = disclosure.DisclosedAt.UtcDateTime,
        RecordedAt = disclosure.RecordedAt.UtcDateTime,
        RecordedBy = disclosure.RecordedBy,
    };

    private static Disclosure ToDisclosure(DisclosureDocument document) => new(
        document.TenantId,
        document.Id,
        document.Recipient,
        Enum.GetValues<RecipientKind>().First(k => DisclosureNames.Of(k) == document.RecipientKind),
        Enum.GetValues<LegalBasis>().First(b => DisclosureNames.Of(b) == document.LegalBasis),
        document.ConsentId,
        document.Reference,
        document.Purpose,
        document.SubjectIds,
        document.Collections,
        document.Fields,
        new DateTimeOffset(document.DisclosedAt, TimeSpan.Zero),
        new DateTimeOffset(document.RecordedAt, TimeSpan.Zero),
        document.RecordedBy);
}
