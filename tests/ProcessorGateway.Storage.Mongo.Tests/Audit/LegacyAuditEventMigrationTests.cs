using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Core.Audit;
using ProcessorGateway.Storage.Mongo.Audit;

namespace ProcessorGateway.Storage.Mongo.Tests.Audit;

/// <summary>A database from before blocks: its events, one document each in <c>audit_events</c>, carry over into blocks and the chain goes on.</summary>
public sealed class LegacyAuditEventMigrationTests(AuditStorage storage) : IClassFixture<AuditStorage>
{
    [Fact]
    public async Task Events_written_before_blocks_become_blocks_of_one_and_the_chain_verifies_and_goes_on()
    {
        var tenant = $"legacy-{Guid.NewGuid():N}"[..16];
        var written = await WriteLegacyChainAsync(tenant, 3);

        var copied = await LegacyAuditEventMigration.RunAsync(storage.Store(), CancellationToken.None).Within();
        var again = await LegacyAuditEventMigration.RunAsync(storage.Store(), CancellationToken.None).Within();
        var log = storage.NewReplica();
        var next = await log.AppendAsync(AuditStorage.Entry(tenant, subject: "subj-1"), CancellationToken.None).Within();
        var verified = await AuditStorage.Reader(log).VerifyAsync(tenant, CancellationToken.None).Within();
        var history = await AuditAppendTests.ToListAsync(AuditStorage.Reader(log).SubjectAccessHistoryAsync(tenant, "subj-1", CancellationToken.None));

        Assert.Equal(3, copied);
        Assert.Equal(0, again);
        Assert.Equal(0, await storage.RawCollection(LegacyAuditEventMigration.LegacyEvents).CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty).Within());
        Assert.Equal(3, await storage.RawBlocks.CountDocumentsAsync(Builders<BsonDocument>.Filter.Eq("c", tenant) & Builders<BsonDocument>.Filter.Size("e", 1) & Builders<BsonDocument>.Filter.Lte("_id", AuditBlockIds.Of(tenant, 3))).Within());
        Assert.Equal((4L, written[^1].Hash), (next.Sequence, next.PreviousHash));
        Assert.True(verified.Intact, verified.FirstBreak?.Detail);
        Assert.Equal(4, verified.HeadSequence);
        Assert.Equal([1L, 2, 3, 4], history.Select(e => e.Sequence));
    }

    [Fact]
    public async Task An_append_before_the_start_up_copied_the_old_events_waits_for_them_and_follows_them()
    {
        var tenant = $"early-{Guid.NewGuid():N}"[..16];
        var written = await WriteLegacyChainAsync(tenant, 3);

        // A start-up job appending before the index initializer ran the migration.
        var early = await storage.NewReplica().AppendAsync(AuditStorage.Entry(tenant), CancellationToken.None).Within();

        Assert.Equal((4L, written[^1].Hash), (early.Sequence, early.PreviousHash));
        Assert.Equal(0, await storage.RawCollection(LegacyAuditEventMigration.LegacyEvents).CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty).Within());
    }

    [Fact]
    public async Task A_run_cut_short_between_copying_and_deleting_is_finished_by_the_next_run()
    {
        var tenant = $"resume-{Guid.NewGuid():N}"[..16];
        await WriteLegacyChainAsync(tenant, 3);
        var legacy = storage.RawCollection(LegacyAuditEventMigration.LegacyEvents);
        var before = await legacy.Find(Builders<BsonDocument>.Filter.Eq("c", tenant)).ToListAsync().Within();
        await LegacyAuditEventMigration.RunAsync(storage.Store(), CancellationToken.None).Within();

        // As if the first run stopped after copying two events and before deleting them.
        await legacy.InsertManyAsync(before.Take(2)).Within();
        var resumed = await LegacyAuditEventMigration.RunAsync(storage.Store(), CancellationToken.None).Within();
        var verified = await AuditStorage.Reader(storage.NewReplica()).VerifyAsync(tenant, CancellationToken.None).Within();

        Assert.Equal(2, resumed);
        Assert.Equal(0, await legacy.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty).Within());
        Assert.True(verified.Intact, verified.FirstBreak?.Detail);
        Assert.Equal(3, verified.HeadSequence);
    }

    [Fact]
    public async Task A_different_event_already_at_a_legacy_events_place_stops_the_migration_and_keeps_the_old_event()
    {
        var tenant = $"clash-{Guid.NewGuid():N}"[..16];
        var log = storage.NewReplica();
        var appended = await log.AppendAsync(AuditStorage.Entry(tenant), CancellationToken.None).Within();
        var legacy = await WriteLegacyChainAsync(tenant, 1);

        try
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => LegacyAuditEventMigration.RunAsync(storage.Store(), CancellationToken.None)).Within();

            Assert.Contains($"two events at {tenant}/0000000000000000001: {legacy[0].Entry.EventId} in the old collection 'audit_events' and {appended.Entry.EventId} in 'audit_blocks'", refused.Message, StringComparison.Ordinal);
            Assert.Equal(1, await storage.RawCollection(LegacyAuditEventMigration.LegacyEvents).CountDocumentsAsync(Builders<BsonDocument>.Filter.Eq("c", tenant)).Within());
        }
        finally
        {
            // The class's other test migrates the whole database.
            await storage.RawCollection(LegacyAuditEventMigration.LegacyEvents).DeleteManyAsync(Builders<BsonDocument>.Filter.Eq("c", tenant)).Within();
        }
    }

    /// <summary>Events as the gateway stored them before blocks: one document each, its place in the <c>_id</c>.</summary>
    private async Task<List<ChainedAuditEvent>> WriteLegacyChainAsync(string tenant, int count)
    {
        var events = new List<ChainedAuditEvent>();
        var previous = AuditHash.Genesis;
        for (var sequence = 1; sequence <= count; sequence++)
        {
            var chained = AuditHash.Chain(tenant, sequence, previous, AuditEventMapper.Storable(AuditStorage.Entry(tenant, record: $"rec-{sequence}", subject: "subj-1")));
            previous = chained.Hash;
            events.Add(chained);
            var e = chained.Entry;
            await storage.RawCollection(LegacyAuditEventMigration.LegacyEvents).InsertOneAsync(new BsonDocument
            {
                { "_id", AuditBlockIds.Of(tenant, sequence) }, { "c", tenant }, { "eid", e.EventId }, { "prev", chained.PreviousHash }, { "h", chained.Hash },
                { "at", e.Time.UtcDateTime }, { "actor", e.Actor }, { "t", e.TenantId }, { "p", e.Purpose }, { "a", e.Action },
                { "r", new BsonArray(e.RecordIds) }, { "s", new BsonArray(e.SubjectIds) }, { "f", new BsonArray(e.Fields) }, { "o", (int)e.Outcome },
                { "st", e.Status }, { "ip", e.ClientIp }, { "ua", e.UserAgent },
            }).Within();
        }

        return events;
    }
}
