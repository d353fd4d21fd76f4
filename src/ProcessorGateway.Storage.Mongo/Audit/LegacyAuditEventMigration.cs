using MongoDB.Bson;
using MongoDB.Driver;

namespace ProcessorGateway.Storage.Mongo.Audit;

/// <summary>
/// Carries events written before blocks (one document per event in <c>audit_events</c>, until 2026-11-26)
/// into <c>audit_blocks</c>, each as a block of one at its own place, with its own hashes and link: the chain reads
/// and verifies as before, and new blocks follow it. Each copied event is then deleted from the old
/// collection, so a later start finds nothing to do. Safe to run again after a crash, and on several
/// replicas at once: an event already copied is a duplicate key holding the same event id. A different
/// event at that place (a new block written while old replicas still appended to the old collection) stops
/// the start-up with both named, and the old event stays where it is.
/// </summary>
internal static class LegacyAuditEventMigration
{
    public const string LegacyEvents = "audit_events";

    private const int BatchSize = 500;

    public static async Task<long> RunAsync(AuditStore store, CancellationToken cancellationToken)
    {
        var legacy = store.Database.GetCollection<BsonDocument>(LegacyEvents);
        var blocks = store.Database.GetCollection<BsonDocument>(AuditStore.Blocks);
        var copied = 0L;
        while (true)
        {
            var batch = await legacy.Find(FilterDefinition<BsonDocument>.Empty).Sort(new BsonDocument("_id", 1)).Limit(BatchSize)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return copied;
            }

            await CopyAsync(blocks, batch, cancellationToken).ConfigureAwait(false);
            await legacy.DeleteManyAsync(Builders<BsonDocument>.Filter.In("_id", batch.Select(d => d["_id"])), cancellationToken).ConfigureAwait(false);
            copied += batch.Count;
        }
    }

    /// <summary>One insert for the batch; only when some of it is there already (a run cut short, another replica), one at a time.</summary>
    private static async Task CopyAsync(IMongoCollection<BsonDocument> blocks, List<BsonDocument> batch, CancellationToken cancellationToken)
    {
        try
        {
            await blocks.InsertManyAsync(batch.Select(BlockOf), new InsertManyOptions { IsOrdered = false }, cancellationToken).ConfigureAwait(false);
        }
        catch (MongoException e) when (MongoErrors.IsDuplicateKey(e))
        {
            foreach (var old in batch)
            {
                await CopyOneAsync(blocks, old, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static BsonDocument BlockOf(BsonDocument old)
    {
        var id = old["_id"].AsString;
        return new BsonDocument
        {
            { "_id", id },
            { "c", old["c"] },
            { "e", new BsonArray { new BsonDocument(old.Elements.Where(e => e.Name is not ("_id" or "c"))) } },
        };
    }

    private static async Task CopyOneAsync(IMongoCollection<BsonDocument> blocks, BsonDocument old, CancellationToken cancellationToken)
    {
        var id = old["_id"].AsString;
        try
        {
            await blocks.InsertOneAsync(BlockOf(old), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (MongoException e) when (MongoErrors.IsDuplicateKey(e))
        {
            var there = await blocks.Find(new BsonDocument("_id", id)).SingleAsync(cancellationToken).ConfigureAwait(false);
            var eventThere = there["e"].AsBsonArray[0].AsBsonDocument["eid"];
            if (eventThere != old["eid"])
            {
                throw new InvalidOperationException(
                    $"The audit chain has two events at {id}: {old["eid"]} in the old collection '{LegacyEvents}' and {eventThere} in '{AuditStore.Blocks}'. " +
                    $"Replicas of the old version appended while this one ran: stop them all, then verify the chain; the event in '{LegacyEvents}' was left in place.");
            }
        }
    }
}
