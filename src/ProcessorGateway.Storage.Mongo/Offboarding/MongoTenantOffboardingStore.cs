using MongoDB.Driver;
using ProcessorGateway.Core.Offboarding;

namespace ProcessorGateway.Storage.Mongo.Offboarding;

/// <summary>
/// Offboarding requests in <c>tenant_offboardings</c>, kept after the tenant is shredded (they say who decided it).
/// Transitions replace under the version, so of two concurrent approvals or a cancel and an approval, one wins.
/// </summary>
internal sealed class MongoTenantOffboardingStore(MongoContext context) : ITenantOffboardingStore
{
    public const string CollectionName = "tenant_offboardings";

    private static readonly FilterDefinitionBuilder<TenantOffboardingDocument> F = Builders<TenantOffboardingDocument>.Filter;

    internal IMongoCollection<TenantOffboardingDocument> Collection => context.Database.GetCollection<TenantOffboardingDocument>(CollectionName);

    public async Task<TenantOffboarding> InsertOrGetPendingAsync(TenantOffboarding request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // A request whose window passed no longer holds the tenant's pending slot; it stays, and reads expired.
        await MongoErrors.GuardAsync(() => Collection.UpdateManyAsync(
            F.Eq(d => d.TenantId, request.TenantId) & F.Eq(d => d.PendingKey, request.TenantId) & F.Lte(d => d.ExpiresAt, now.UtcDateTime),
            Builders<TenantOffboardingDocument>.Update.Unset(d => d.PendingKey), cancellationToken: cancellationToken)).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            if (await MongoErrors.TryInsertAsync(Collection, ToDocument(request), cancellationToken).ConfigureAwait(false))
            {
                return request;
            }

            var pending = await MongoErrors.GuardAsync(() => Collection.Find(F.Eq(d => d.TenantId, request.TenantId) & F.Eq(d => d.PendingKey, request.TenantId))
                .FirstOrDefaultAsync(cancellationToken)).ConfigureAwait(false);
            if (pending is not null || attempt > 0)
            {
                // A pending request for the tenant: the caller's retry, or a second ask, which the first answers.
                return pending is not null ? ToDomain(pending) : throw new InvalidOperationException("offboarding request could not be stored");
            }
        }
    }

    public async Task<TenantOffboarding?> FindAsync(string tenantId, string requestId, CancellationToken cancellationToken)
    {
        var found = await MongoErrors.GuardAsync(() => Collection.Find(F.Eq(d => d.TenantId, tenantId) & F.Eq(d => d.Id, requestId))
            .FirstOrDefaultAsync(cancellationToken)).ConfigureAwait(false);
        return found is null ? null : ToDomain(found);
    }

    public async Task<TenantOffboarding?> TryReplaceAsync(TenantOffboarding request, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var next = request with { Version = expectedVersion + 1 };
        var filter = F.Eq(d => d.TenantId, request.TenantId) & F.Eq(d => d.Id, request.RequestId) & F.Eq(d => d.Version, expectedVersion);
        var result = await MongoErrors.GuardAsync(() => Collection.ReplaceOneAsync(filter, ToDocument(next), cancellationToken: cancellationToken)).ConfigureAwait(false);
        return result.MatchedCount == 1 ? next : null;
    }

    internal Task CreateIndexesAsync(CancellationToken cancellationToken) =>
        Collection.Indexes.CreateOneAsync(new CreateIndexModel<TenantOffboardingDocument>(
            Builders<TenantOffboardingDocument>.IndexKeys.Ascending(d => d.TenantId).Ascending(d => d.PendingKey),
            new CreateIndexOptions<TenantOffboardingDocument>
            {
                Name = "tenant_pending_unique", Unique = true, PartialFilterExpression = F.Exists(d => d.PendingKey),
            }), cancellationToken: cancellationToken);

    private static TenantOffboardingDocument ToDocument(TenantOffboarding r) => new()
    {
        Id = r.RequestId,
        TenantId = r.TenantId,
        PendingKey = r.State == TenantOffboardingState.Pending ? r.TenantId : null,
        Reason = r.Reason,
        State = (int)r.State,
        RequestedBy = r.RequestedBy,
        RequestedAt = r.RequestedAt.UtcDateTime,
        ExpiresAt = r.ExpiresAt.UtcDateTime,
        ApprovedBy = r.ApprovedBy,
        ApprovedAt = r.ApprovedAt?.UtcDateTime,
        CancelledBy = r.CancelledBy,
        CancelledAt = r.CancelledAt?.UtcDateTime,
        Version = r.Version,
    };

    private static TenantOffboarding ToDomain(TenantOffboardingDocument d) =>
        new(d.Id, d.TenantId, d.Reason, d.RequestedBy, At(d.RequestedAt), At(d.ExpiresAt), (TenantOffboardingState)d.State, d.Version)
        {
            ApprovedBy = d.ApprovedBy,
            ApprovedAt = d.ApprovedAt is { } approved ? At(approved) : null,
            CancelledBy = d.CancelledBy,
            CancelledAt = d.CancelledAt is { } cancelled ? At(cancelled) : null,
        };

    private static DateTimeOffset At(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
