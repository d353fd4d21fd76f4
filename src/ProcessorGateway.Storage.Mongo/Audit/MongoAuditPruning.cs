using MongoDB.Driver;
using ProcessorGateway.Core.Audit;

namespace ProcessorGateway.Storage.Mongo.Audit;

/// <summary>
/// Audit retention in MongoDB. The prune point goes to the ledger database first, forward only (a filter on a
/// lower point, a duplicate key when another replica is ahead), and only then are the blocks up to it deleted by
/// their <c>_id</c> range: a pass stopped between the two leaves blocks the verifier skips and the next pass deletes.
/// </summary>
internal sealed class MongoAuditPruning(AuditStore store) : IAuditPruning
{
    private const int ReadBatch = 32;

    public Task<AuditPrunePlan?> PlanAsync(
        string chainId, DateTimeOffset before, Func<ChainedAuditEvent, bool> held, int maxBlocks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(held);
        return MongoErrors.GuardAsync(async () =>
        {
            // A cursor in small batches: a block may hold up to 4 MiB, and the walk usually stops long before the bound.
            using var cursor = await store.Collection.Find(AuditBlockIds.From(chainId, 0), new FindOptions { BatchSize = ReadBatch })
                .SortBy(d => d.Id).Limit(maxBlocks).ToCursorAsync(cancellationToken).ConfigureAwait(false);
            AuditPrunePlan? plan = null;
            while (await cursor.MoveNextAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var block in cursor.Current)
                {
                    var events = AuditEventMapper.FromBlock(block).ToList();
                    if (events.Any(e => e.Entry.Time >= before))
                    {
                        return plan;
                    }

                    if (events.Any(held))
                    {
                        return plan is null ? null : plan with { StoppedAtHold = true };
                    }

                    var last = events[^1];
                    plan = new AuditPrunePlan(chainId, last.Sequence, last.Hash, (plan?.Blocks ?? 0) + 1, (plan?.Events ?? 0) + events.Count, false);
                }
            }

            return plan;
        });
    }

    public Task<long> PruneAsync(AuditPrunePoint point, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(point);
        return MongoErrors.GuardAsync(async () =>
        {
            var filter = Builders<AuditPrunePointDocument>.Filter;
            try
            {
                await store.PrunePointCollection.UpdateOneAsync(
                    filter.Eq(d => d.Id, point.ChainId) & filter.Lt(d => d.Sequence, point.Sequence),
                    Builders<AuditPrunePointDocument>.Update.Set(d => d.Sequence, point.Sequence).Set(d => d.Hash, point.Hash)
                        .Set(d => d.PrunedAt, point.PrunedAt.UtcDateTime).Set(d => d.Reason, point.Reason),
                    new UpdateOptions { IsUpsert = true },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (MongoException e) when (MongoErrors.IsDuplicateKey(e))
            {
                // Another replica recorded a point further on: the blocks up to this one go all the same.
            }

            var deleted = await store.Collection.DeleteManyAsync(AuditBlockIds.UpTo(point.ChainId, point.Sequence), cancellationToken).ConfigureAwait(false);
            return deleted.DeletedCount;
        });
    }

    public Task<AuditRetentionSetting?> FindSettingAsync(string tenantId, CancellationToken cancellationToken) => MongoErrors.GuardAsync(async () =>
    {
        var found = await store.RetentionCollection.Find(Builders<AuditRetentionDocument>.Filter.Eq(d => d.Id, tenantId))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return found is null
            ? null
            : new AuditRetentionSetting(found.Id, found.Days, new DateTimeOffset(DateTime.SpecifyKind(found.UpdatedAt, DateTimeKind.Utc)), found.UpdatedBy);
    });

    public Task SaveSettingAsync(AuditRetentionSetting setting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return MongoErrors.GuardAsync(() => store.RetentionCollection.ReplaceOneAsync(
            Builders<AuditRetentionDocument>.Filter.Eq(d => d.Id, setting.TenantId),
            new AuditRetentionDocument { Id = setting.TenantId, Days = setting.Days, UpdatedAt = setting.UpdatedAt.UtcDateTime, UpdatedBy = setting.UpdatedBy },
            new ReplaceOptions { IsUpsert = true },
            cancellationToken));
    }

    public Task DeleteSettingAsync(string tenantId, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(() => store.RetentionCollection.DeleteOneAsync(Builders<AuditRetentionDocument>.Filter.Eq(d => d.Id, tenantId), cancellationToken));

    public static async Task<AuditPrunePoint?> ReadAsync(AuditStore store, string chainId, CancellationToken cancellationToken)
    {
        var found = await store.PrunePointCollection.Find(Builders<AuditPrunePointDocument>.Filter.Eq(d => d.Id, chainId))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return found is null
            ? null
            : new AuditPrunePoint(found.Id, found.Sequence, found.Hash, new DateTimeOffset(DateTime.SpecifyKind(found.PrunedAt, DateTimeKind.Utc)), found.Reason);
    }
}
