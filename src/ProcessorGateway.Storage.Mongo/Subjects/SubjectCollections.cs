using MongoDB.Driver;

namespace ProcessorGateway.Storage.Mongo.Subjects;

/// <summary>The collections of data-subject rights, in the main database beside the records.</summary>
internal sealed class SubjectCollections(MongoContext context)
{
    public const string ProfilesName = "subject_profiles";
    public const string ConsentsName = "subject_consents";
    public const string PreferencesName = "communication_preferences";
    public const string DisclosuresName = "disclosures";

    public IMongoCollection<SubjectProfileDocument> Profiles { get; } = context.Database.GetCollection<SubjectProfileDocument>(ProfilesName);

    public IMongoCollection<ConsentDocument> Consents { get; } = context.Database.GetCollection<ConsentDocument>(ConsentsName);

    public IMongoCollection<CommunicationPreferenceDocument> Preferences { get; } =
        context.Database.GetCollection<CommunicationPreferenceDocument>(PreferencesName);

    public IMongoCollection<DisclosureDocument> Disclosures { get; } = context.Database.GetCollection<DisclosureDocument>(DisclosuresName);

    /// <summary>Every index leads with the tenant id, like the rest of the gateway's.</summary>
    public async Task CreateIndexesAsync(CancellationToken cancellationToken)
    {
        await Profiles.Indexes.CreateOneAsync(new CreateIndexModel<SubjectProfileDocument>(
            Builders<SubjectProfileDocument>.IndexKeys.Ascending(d => d.TenantId).Ascending(d => d.SubjectId),
            new CreateIndexOptions { Name = "tenant_subject" }), cancellationToken: cancellationToken).ConfigureAwait(false);
        await Consents.Indexes.CreateOneAsync(new CreateIndexModel<ConsentDocument>(
            Builders<ConsentDocument>.IndexKeys.Ascending(d => d.TenantId).Ascending(d => d.SubjectId).Ascending(d => d.GrantedAt),
            new CreateIndexOptions { Name = "tenant_subject_granted" }), cancellationToken: cancellationToken).ConfigureAwait(false);
        await Preferences.Indexes.CreateOneAsync(new CreateIndexModel<CommunicationPreferenceDocument>(
            Builders<CommunicationPreferenceDocument>.IndexKeys.Ascending(d => d.TenantId).Ascending(d => d.SubjectId),
            new CreateIndexOptions { Name = "tenant_subject" }), cancellationToken: cancellationToken).ConfigureAwait(false);

        // The DPO's listing pages the tenant's disclosures by recording time; the export and the subject filter read one subject's.
        await Disclosures.Indexes.CreateOneAsync(new CreateIndexModel<DisclosureDocument>(
            Builders<DisclosureDocument>.IndexKeys.Ascending(d => d.TenantId).Ascending(d => d.RecordedAt).Ascending(d => d.Id),
            new CreateIndexOptions { Name = "tenant_recorded" }), cancellationToken: cancellationToken).ConfigureAwait(false);
        await Disclosures.Indexes.CreateOneAsync(new CreateIndexModel<DisclosureDocument>(
            Builders<DisclosureDocument>.IndexKeys.Ascending(d => d.TenantId).Ascending(d => d.SubjectIds).Ascending(d => d.RecordedAt),
            new CreateIndexOptions { Name = "tenant_subject_recorded" }), cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
