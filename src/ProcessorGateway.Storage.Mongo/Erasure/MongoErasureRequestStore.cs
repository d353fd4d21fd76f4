using MongoDB.Driver;
using ProcessorGateway.Core.Erasure;
using static ProcessorGateway.Storage.Mongo.Erasure.ErasureRequestMapping;

namespace ProcessorGateway.Storage.Mongo.Erasure;

/// <summary>
/// Erasure requests in <c>erasure_requests</c>. Transitions replace under the version; claims are one
/// FindOneAndUpdate, so two replicas never execute one request at once, and a lapsed lease is taken over.
/// </summary>
internal sealed class MongoErasureRequestStore(MongoContext context) : IErasureRequestStore
{
    public const string CollectionName = "erasure_requests";

    private static readonly FilterDefinitionBuilder<ErasureRequestDocument> F = Builders<ErasureRequestDocument>.Filter;
    private static readonly int[] Open = [(int)ErasureState.Received, (int)ErasureState.Verified, (int)ErasureState.Executing];

    internal IMongoCollection<ErasureRequestDocument> Collection => context.Database.GetCollection<ErasureRequestDocument>(CollectionName);

    public async Task<ErasureRequest> InsertOrGetOpenAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var document = ToDocument(request);
        for (var attempt = 0; ; attempt++)
        {
            if (await MongoErrors.TryInsertAsync(Collection, document, cancellationToken).ConfigureAwait(false))
            {
                return request;
            }

            var open = await MongoErrors.GuardAsync(() => Collection.Find(F.Eq(d => d.TenantId, request.TenantId) & F.Eq(d => d.OpenKey, document.OpenKey))
                .FirstOrDefaultAsync(cancellationToken)).ConfigureAwait(false);
            if (open is not null || attempt > 0)
            {
                // An open request for the same target: the caller's retry, or a second ask for the same erasure.
                return open is not null ? ToDomain(open) : throw new InvalidOperationException("erasure request could not be stored");
            }
        }
    }

    public Task<long> DeleteTenantAsync(string tenantId, string keptRequestId, CancellationToken cancellationToken) =>
        MongoErrors.DeletedCountAsync(() => Collection.DeleteManyAsync(F.Eq(d => d.TenantId, tenantId) & F.Ne(d => d.Id, keptRequestId), cancellationToken));

    public async Task<ErasureRequest?> FindAsync(string tenantId, string requestId, CancellationToken cancellationToken)
    {
        var found = await MongoErrors.GuardAsync(() => Collection.Find(F.Eq(d => d.TenantId, tenantId) & F.Eq(d => d.Id, requestId))
            .FirstOrDefaultAsync(cancellationToken)).ConfigureAwait(false);
        return found is null ? null : ToDomain(found);
    }

    public async Task<ErasureRequest?> TryReplaceAsync(ErasureRequest request, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var next = request with { Version = expectedVersion + 1 };
        var filter = F.Eq(d => d.TenantId, request.TenantId) & F.Eq(d => d.Id, request.RequestId) & F.Eq(d => d.Version, expectedVersion);
        var result = await MongoErrors.GuardAsync(() => Collection.ReplaceOneAsync(filter, ToDocument(next), cancellationToken: cancellationToken)).ConfigureAwait(false);
        return result.MatchedCount == 1 ? next : null;
    }

    public Task<ErasureRequest?> ClaimDueAsync(DateTimeOffset now, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var at = now.UtcDateTime;

        // A verified request stored before parts existed has no execute-after time: it is taken at once.
        var due = (F.Eq(d => d.State, (int)ErasureState.Verified) & (F.Lte(d => d.NextExecuteAfter, at) | F.Exists(d => d.NextExecuteAfter, false)))
            | (F.Eq(d => d.State, (int)ErasureState.Executing) & F.Lt(d => d.LeaseUntil, at));
        return ClaimAsync(due, owner, leaseUntil, cancellationToken);
    }

    public Task<ErasureRequest?> ClaimAsync(string tenantId, string requestId, DateTimeOffset now, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        ClaimAsync(F.Eq(d => d.TenantId, tenantId) & F.Eq(d => d.Id, requestId) & F.Eq(d => d.State, (int)ErasureState.Verified), owner, leaseUntil, cancellationToken);

    public async Task<IReadOnlyList<ErasureRequest>> ListAsync(string tenantId, ErasureFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = F.Eq(d => d.TenantId, tenantId);
        if (filter.State is { } state)
        {
            query &= F.Eq(d => d.State, (int)state);
        }

        query &= Due(filter.DueAfter, filter.DueBefore);
        if (filter.After is { } position)
        {
            var at = position.ReceivedAt.UtcDateTime;
            query &= F.Gt(d => d.ReceivedAt, at) | (F.Eq(d => d.ReceivedAt, at) & F.Gt(d => d.Id, position.RequestId));
        }

        var found = await MongoErrors.GuardAsync(() => Collection.Find(query)
            .Sort(Builders<ErasureRequestDocument>.Sort.Ascending(d => d.ReceivedAt).Ascending(d => d.Id))
            .Limit(filter.Limit).ToListAsync(cancellationToken)).ConfigureAwait(false);
        return found.Select(ToDomain).ToList();
    }

    public async Task<IReadOnlyList<ErasureRequest>> ListExecutedAsync(int limit, CancellationToken cancellationToken)
    {
        var found = await MongoErrors.GuardAsync(() => Collection.Find(F.Eq(d => d.State, (int)ErasureState.Executed)).Limit(limit)
            .ToListAsync(cancellationToken)).ConfigureAwait(false);
        return found.Select(ToDomain).ToList();
    }

    public async Task<IReadOnlyList<ErasureRequest>> ListKeepingAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var keeping = F.In(d => d.State, [(int)ErasureState.Executed, (int)ErasureState.Purged]) & F.Exists(d => d.RetainedKeyId)
            & F.Ne(d => d.KeptReleased, true) & F.Lte(d => d.KeptCheckAt, now.UtcDateTime);
        var found = await MongoErrors.GuardAsync(() => Collection.Find(keeping).SortBy(d => d.KeptCheckAt).Limit(limit)
            .ToListAsync(cancellationToken)).ConfigureAwait(false);
        return found.Select(ToDomain).ToList();
    }

    public Task<long> CountOpenAsync(DateTimeOffset? dueAfter, DateTimeOffset dueBefore, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(() => Collection.CountDocumentsAsync(Due(dueAfter, dueBefore), cancellationToken: cancellationToken));

    public async Task<IReadOnlyList<ErasureRequest>> ListOverdueUnnotifiedAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var found = await MongoErrors.GuardAsync(() => Collection.Find(F.In(d => d.State, Open) & F.Lt(d => d.OverdueNoticeAt, now.UtcDateTime))
            .SortBy(d => d.OverdueNoticeAt).Limit(limit).ToListAsync(cancellationToken)).ConfigureAwait(false);
        return found.Select(ToDomain).ToList();
    }

    /// <summary>Open, with the next deadline in the range: <c>nd</c>, or <c>da</c> for a request stored before parts existed (it has no <c>nd</c>).</summary>
    private static FilterDefinition<ErasureRequestDocument> Due(DateTimeOffset? after, DateTimeOffset? before)
    {
        if (before is null && after is null)
        {
            return F.Empty;
        }

        var current = F.Exists(d => d.NextDeadline);
        var legacy = F.Exists(d => d.NextDeadline, false) & F.Exists(d => d.Parts, false);
        if (before is { } b)
        {
            current &= F.Lt(d => d.NextDeadline, b.UtcDateTime);
            legacy &= F.Lt(d => d.DueAt, b.UtcDateTime);
        }

        if (after is { } a)
        {
            current &= F.Gte(d => d.NextDeadline, a.UtcDateTime);
            legacy &= F.Gte(d => d.DueAt, a.UtcDateTime);
        }

        return F.In(d => d.State, Open) & (current | legacy);
    }

    private async Task<ErasureRequest?> ClaimAsync(FilterDefinition<ErasureRequestDocument> filter, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var update = Builders<ErasureRequestDocument>.Update
            .Set(d => d.State, (int)ErasureState.Executing).Set(d => d.LeaseOwner, owner).Set(d => d.LeaseUntil, leaseUntil.UtcDateTime).Inc(d => d.Version, 1);
        var claimed = await MongoErrors.GuardAsync(() => Collection.FindOneAndUpdateAsync(filter, update,
            new FindOneAndUpdateOptions<ErasureRequestDocument> { ReturnDocument = ReturnDocument.After, Sort = Builders<ErasureRequestDocument>.Sort.Ascending(d => d.NextExecuteAfter) },
            cancellationToken)).ConfigureAwait(false);
        return claimed is null ? null : ToDomain(claimed);
    }
}
