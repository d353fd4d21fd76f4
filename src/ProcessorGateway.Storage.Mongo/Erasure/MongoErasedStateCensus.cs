using System.Linq.Expressions;
using MongoDB.Driver;
using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Storage.Mongo.Clients;
using ProcessorGateway.Storage.Mongo.Records;
using ProcessorGateway.Storage.Mongo.Schemas;
using ProcessorGateway.Storage.Mongo.Subjects;

namespace ProcessorGateway.Storage.Mongo.Erasure;

/// <summary>Counts what the state erasers delete, one CountDocuments per kind, on the same filters the stores delete by.</summary>
internal sealed class MongoErasedStateCensus(MongoContext context, SubjectCollections subjects) : IErasedStateCensus
{
    public async Task<IReadOnlyList<ErasedItem>> CountSubjectAsync(string tenantId, string subjectId, CancellationToken cancellationToken) =>
    [
        await CountAsync(ErasedKinds.SubjectProfiles, subjects.Profiles, d => d.TenantId == tenantId && d.SubjectId == subjectId, cancellationToken).ConfigureAwait(false),
        await CountAsync(ErasedKinds.Consents, subjects.Consents, d => d.TenantId == tenantId && d.SubjectId == subjectId, cancellationToken).ConfigureAwait(false),
        await CountAsync(ErasedKinds.CommunicationPreferences, subjects.Preferences, d => d.TenantId == tenantId && d.SubjectId == subjectId, cancellationToken)
            .ConfigureAwait(false),
    ];

    public async Task<IReadOnlyList<ErasedItem>> CountTenantAsync(string tenantId, string keptRequestId, CancellationToken cancellationToken)
    {
        var database = context.Database;
        return
        [
            await CountAsync(ErasedKinds.SubjectProfiles, subjects.Profiles, d => d.TenantId == tenantId, cancellationToken).ConfigureAwait(false),
            await CountAsync(ErasedKinds.Consents, subjects.Consents, d => d.TenantId == tenantId, cancellationToken).ConfigureAwait(false),
            await CountAsync(ErasedKinds.CommunicationPreferences, subjects.Preferences, d => d.TenantId == tenantId, cancellationToken).ConfigureAwait(false),
            await CountAsync(ErasedKinds.Schemas, context.SchemaCollection, d => d.TenantId == tenantId, cancellationToken).ConfigureAwait(false),
            await CountAsync(ErasedKinds.Clients, context.ClientCollection, d => d.TenantId == tenantId, cancellationToken).ConfigureAwait(false),
            await CountAsync(ErasedKinds.LegalHolds, database.GetCollection<LegalHoldDocument>(MongoErasurePolicyStore.Holds), d => d.TenantId == tenantId,
                cancellationToken).ConfigureAwait(false),
            await CountAsync(ErasedKinds.RetentionRules, database.GetCollection<RetentionRuleDocument>(MongoErasurePolicyStore.Rules), d => d.TenantId == tenantId,
                cancellationToken).ConfigureAwait(false),
            await CountAsync(ErasedKinds.ErasureCalendar, database.GetCollection<CalendarDocument>(MongoErasurePolicyStore.Calendars), d => d.TenantId == tenantId,
                cancellationToken).ConfigureAwait(false),
            await CountAsync(ErasedKinds.ErasureRequests, database.GetCollection<ErasureRequestDocument>(MongoErasureRequestStore.CollectionName),
                d => d.TenantId == tenantId && d.Id != keptRequestId, cancellationToken).ConfigureAwait(false),
            await CountAsync(ErasedKinds.IdempotencyKeys, context.IdempotencyCollection, d => d.TenantId == tenantId, cancellationToken).ConfigureAwait(false),
        ];
    }

    private static async Task<ErasedItem> CountAsync<T>(string kind, IMongoCollection<T> collection, Expression<Func<T, bool>> filter, CancellationToken cancellationToken) =>
        new(kind, await MongoErrors.GuardAsync(() => collection.CountDocumentsAsync(filter, cancellationToken: cancellationToken)).ConfigureAwait(false));
}
