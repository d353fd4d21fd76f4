using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Core.Audit;
using ProcessorGateway.Storage.Mongo.Audit;

namespace ProcessorGateway.Storage.Mongo.Tests.Audit;

/// <summary>A group commit is one document: its events verify, query and page as single events do, and tampering inside it is named.</summary>
public sealed class AuditBlockTests(AuditStorage storage) : IClassFixture<AuditStorage>
{
    private const int Events = 10;

    [Fact]
    public async Task Events_appended_together_are_one_block_and_verify_in_the_order_appended()
    {
        var (tenant, log, events) = await BlockAsync();

        var block = await storage.RawBlocks.Find(OfChain(tenant)).SingleAsync().Within();
        var verified = await VerifyAsync(log, tenant);

        Assert.Equal((Id(tenant, 1), Events), (block["_id"].AsString, block["e"].AsBsonArray.Count));
        Assert.Equal(Enumerable.Range(1, Events).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.True(verified.Intact, verified.FirstBreak?.Detail);
        Assert.Equal((Events, events[^1].Hash), (verified.HeadSequence, verified.HeadHash));
    }

    [Fact]
    public async Task Editing_an_event_inside_a_block_is_reported_as_an_edit_of_that_event()
    {
        var (tenant, log, events) = await BlockAsync();
        await storage.EditEventAsync(OfChain(tenant), 5, e => e.Set("actor", "someone-else"));

        var found = (await VerifyAsync(log, tenant)).FirstBreak;

        Assert.Equal((ChainBreakKind.Edited, 6L, events[5].Entry.EventId), (found!.Kind, found.Sequence, found.EventId));
        Assert.Contains("edited", found.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filing_a_block_under_another_chain_hides_it_from_queries_and_is_reported_as_an_edit()
    {
        var (tenant, log, events) = await BlockAsync();
        await storage.RawBlocks.UpdateOneAsync(OfChain(tenant), Builders<BsonDocument>.Update.Set("c", "elsewhere")).Within();

        var found = (await VerifyAsync(log, tenant)).FirstBreak;
        var queried = await AuditStorage.QueryAsync(log, tenant, record: "rec-3");

        Assert.Empty(queried.Events);
        Assert.Equal((ChainBreakKind.Edited, 1L, events[0].Entry.EventId), (found!.Kind, found.Sequence, found.EventId));
        Assert.Contains("filed under chain 'elsewhere'", found.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_an_event_from_inside_a_block_is_reported_at_its_place()
    {
        var (tenant, log, events) = await BlockAsync();
        var block = await storage.RawBlocks.Find(OfChain(tenant)).SingleAsync().Within();
        block["e"].AsBsonArray.RemoveAt(3);
        await storage.RawBlocks.ReplaceOneAsync(OfChain(tenant), block).Within();

        var found = (await VerifyAsync(log, tenant)).FirstBreak;

        // What is left of the block moves up a place, and still follows on: the event written as sequence 5 is found at 4.
        Assert.Equal((ChainBreakKind.Missing, 4L, events[4].Entry.EventId), (found!.Kind, found.Sequence, found.EventId));
        Assert.Contains("sequence 4 is missing: deleted from before event", found.Detail, StringComparison.Ordinal);
        Assert.Contains("written as sequence 5 and found at sequence 4", found.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_added_to_the_end_of_a_block_is_reported_where_the_next_block_starts()
    {
        var (tenant, log, events) = await BlockAsync();
        var next = await log.AppendAsync(AuditStorage.Entry(tenant), CancellationToken.None).Within();

        // A well-formed event, hashed and linked as the eleventh, added to the first block.
        var forgedHash = AuditHash.Compute(tenant, Events + 1, events[^1].Hash, events[^1].Entry);
        var block = await storage.RawBlocks.Find(Builders<BsonDocument>.Filter.Eq("_id", Id(tenant, 1))).SingleAsync().Within();
        var forged = block["e"].AsBsonArray[^1].AsBsonDocument.DeepClone().AsBsonDocument.Set("prev", events[^1].Hash).Set("h", forgedHash);
        block["e"].AsBsonArray.Add(forged);
        await storage.RawBlocks.ReplaceOneAsync(Builders<BsonDocument>.Filter.Eq("_id", Id(tenant, 1)), block).Within();

        var verified = await VerifyAsync(log, tenant);
        var found = verified.FirstBreak;

        Assert.Equal((ChainBreakKind.Edited, (long)Events + 1, next.Entry.EventId), (found!.Kind, found.Sequence, found.EventId));
        Assert.StartsWith($"two events at sequence {Events + 1}: {events[^1].Entry.EventId} and {next.Entry.EventId}", found.Detail, StringComparison.Ordinal);
        Assert.Equal(((long)Events, events[^1].Hash), (verified.HeadSequence, verified.HeadHash));
    }

    [Fact]
    public async Task Rewriting_an_event_inside_a_block_with_a_new_hash_names_that_event()
    {
        var (tenant, log, events) = await BlockAsync();
        var rehashed = AuditHash.Compute(tenant, 3, events[1].Hash, events[2].Entry with { Actor = "someone-else" });
        await storage.EditEventAsync(OfChain(tenant), 2, e => e.Set("actor", "someone-else").Set("h", rehashed));

        var found = (await VerifyAsync(log, tenant)).FirstBreak;

        Assert.Equal((ChainBreakKind.Edited, 3L, events[2].Entry.EventId), (found!.Kind, found.Sequence, found.EventId));
    }

    [Fact]
    public async Task Queries_pick_the_matching_events_out_of_blocks_and_page_inside_a_block()
    {
        var tenant = $"blockq-{Guid.NewGuid():N}"[..16];
        var log = await storage.NewStartedReplicaAsync(TimeSpan.FromMilliseconds(500));
        for (var round = 0; round < 2; round++)
        {
            // Two blocks of six: subjects alternate, so every block holds events that match and events that do not.
            await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
                log.AppendAsync(AuditStorage.Entry(tenant, record: $"rec-{i % 3}", subject: i % 2 == 0 ? "subj-even" : "subj-odd"), CancellationToken.None))).Within();
        }

        var first = await AuditStorage.QueryAsync(log, tenant, subject: "subj-odd", pageSize: 2);
        var second = await AuditStorage.QueryAsync(log, tenant, subject: "subj-odd", pageSize: 2, after: first.NextAfterSequence);
        var third = await AuditStorage.QueryAsync(log, tenant, subject: "subj-odd", pageSize: 2, after: second.NextAfterSequence);
        var byRecord = await AuditStorage.QueryAsync(log, tenant, subject: "subj-even", record: "rec-2");

        Assert.Equal(2, await storage.RawBlocks.CountDocumentsAsync(OfChain(tenant)).Within());
        Assert.Equal([2L, 4], first.Events.Select(e => e.Sequence));
        Assert.Equal([6L, 8], second.Events.Select(e => e.Sequence));
        Assert.Equal([10L, 12], third.Events.Select(e => e.Sequence));
        Assert.Null(third.NextAfterSequence);
        // Even subjects are events 0, 2 and 4 of each block; rec-2 is event 2: sequences 3 and 9.
        Assert.Equal([3L, 9], byRecord.Events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Time_bounds_are_compared_to_the_millisecond_as_the_server_compares_them()
    {
        var (tenant, log, events) = await BlockAsync();
        var time = events[4].Entry.Time;
        var halfAMillisecond = TimeSpan.FromTicks(TimeSpan.TicksPerMillisecond / 2);

        var from = await AuditStorage.QueryAsync(log, tenant, record: "rec-4", from: time + halfAMillisecond);
        var to = await AuditStorage.QueryAsync(log, tenant, record: "rec-4", to: time + halfAMillisecond);

        Assert.Equal([5L], from.Events.Select(e => e.Sequence));
        Assert.Empty(to.Events);
    }

    [Fact]
    public async Task A_group_commit_past_a_blocks_size_is_written_as_blocks_that_follow_each_other()
    {
        var tenant = $"blockz-{Guid.NewGuid():N}"[..16];
        var log = await storage.NewStartedReplicaAsync(TimeSpan.FromMilliseconds(500));
        // Each event names 2,000 records of 200 characters: by its bound on size, three fit in a block.
        var records = Enumerable.Range(0, 2_000).Select(i => $"{i:D6}".PadRight(200, 'r')).ToArray();
        var events = await Task.WhenAll(Enumerable.Range(0, Events).Select(_ =>
            log.AppendAsync(AuditStorage.Entry(tenant) with { RecordIds = records }, CancellationToken.None))).Within();

        var blocks = await storage.RawBlocks.Find(OfChain(tenant)).Sort(new BsonDocument("_id", 1)).ToListAsync().Within();
        var verified = await VerifyAsync(log, tenant);

        Assert.Equal([3, 3, 3, 1], blocks.Select(b => b["e"].AsBsonArray.Count));
        Assert.Equal([Id(tenant, 1), Id(tenant, 4), Id(tenant, 7), Id(tenant, 10)], blocks.Select(b => b["_id"].AsString));
        Assert.True(verified.Intact, verified.FirstBreak?.Detail);
        Assert.Equal(Enumerable.Range(1, Events).Select(i => (long)i), events.Select(e => e.Sequence).Order());
    }

    private static FilterDefinition<BsonDocument> OfChain(string tenant) => Builders<BsonDocument>.Filter.Eq("c", tenant);

    private static string Id(string tenant, long sequence) => AuditBlockIds.Of(tenant, sequence);

    private static Task<ChainVerification> VerifyAsync(IAuditLog log, string tenant) =>
        AuditStorage.Reader(log).VerifyAsync(tenant, CancellationToken.None).Within();

    /// <summary>Ten appends queued at once, before the writer's window closes: one block, in the order they were made.</summary>
    private async Task<(string Tenant, IAuditLog Log, ChainedAuditEvent[] Events)> BlockAsync()
    {
        var tenant = $"block-{Guid.NewGuid():N}"[..16];
        var log = await storage.NewStartedReplicaAsync(TimeSpan.FromMilliseconds(500));
        var appends = Enumerable.Range(0, Events).Select(i => log.AppendAsync(AuditStorage.Entry(tenant, record: $"rec-{i}"), CancellationToken.None)).ToList();
        return (tenant, log, await Task.WhenAll(appends).Within());
    }
}
