using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Core.Audit;
using ProcessorGateway.Storage.Mongo.Audit;

namespace ProcessorGateway.Storage.Mongo.Tests.Audit;

/// <summary>
/// Someone with write access to MongoDB edits, deletes or reorders one event: verification names it. The
/// chain here is appended one event at a time, so each event is a block of its own; the tests at the end
/// tamper inside a block of many.
/// </summary>
public sealed class AuditTamperTests(AuditStorage storage) : IClassFixture<AuditStorage>
{
    private const int Events = 10;

    [Fact]
    public async Task An_intact_chain_verifies_to_its_head()
    {
        var (tenant, log, events) = await ChainAsync();

        var verified = await VerifyAsync(log, tenant);

        Assert.True(verified.Intact);
        Assert.Equal((Events, events[^1].Hash), (verified.HeadSequence, verified.HeadHash));
    }

    [Fact]
    public async Task Editing_one_event_is_reported_as_an_edit_of_exactly_that_event()
    {
        var (tenant, log, events) = await ChainAsync();
        await storage.EditEventAsync(At(tenant, 6), 0, e => e.Set("actor", "someone-else"));

        var found = (await VerifyAsync(log, tenant)).FirstBreak;

        Assert.NotNull(found);
        Assert.Equal((ChainBreakKind.Edited, 6L, events[5].Entry.EventId), (found.Kind, found.Sequence, found.EventId));
        Assert.Contains("edited", found.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_counted_event_reads_back_its_count_and_reason_and_an_edited_count_is_an_edit_of_exactly_that_event()
    {
        var (tenant, log, events) = await ChainAsync();
        var counted = await log.AppendAsync(AuditStorage.Entry(tenant) with { Count = 42, Reason = RefusalReasons.InvalidToken }, CancellationToken.None).Within();
        events.Add(await log.AppendAsync(AuditStorage.Entry(tenant), CancellationToken.None).Within());
        var read = await AuditAppendTests.ToListAsync(log.ReadChainAsync(tenant, CancellationToken.None));
        var stored = (await storage.RawBlocks.Find(At(tenant, counted.Sequence)).SingleAsync().Within())["e"][0].AsBsonDocument;
        Assert.True((await VerifyAsync(log, tenant)).Intact);

        await storage.EditEventAsync(At(tenant, counted.Sequence), 0, e => e.Set("n", 41L));
        var found = (await VerifyAsync(log, tenant)).FirstBreak;

        Assert.Equal((42L, RefusalReasons.InvalidToken), (read[^2].Entry.Count, read[^2].Entry.Reason));
        Assert.Equal((1L, null), (read[^1].Entry.Count, read[^1].Entry.Reason));
        Assert.Equal((42L, "invalid_token"), (stored["n"].ToInt64(), stored["rs"].AsString));
        Assert.False(((BsonDocument)(await storage.RawBlocks.Find(At(tenant, events[^1].Sequence)).SingleAsync().Within())["e"][0]).Contains("n"));
        Assert.NotNull(found);
        Assert.Equal((ChainBreakKind.Edited, counted.Sequence, counted.Entry.EventId), (found.Kind, found.Sequence, found.EventId));
    }

    [Fact]
    public async Task Deleting_one_event_is_reported_as_that_sequence_number_missing()
    {
        var (tenant, log, events) = await ChainAsync();
        await storage.RawBlocks.DeleteOneAsync(At(tenant, 4)).Within();

        var found = (await VerifyAsync(log, tenant)).FirstBreak;

        Assert.NotNull(found);
        Assert.Equal((ChainBreakKind.Missing, 4L, events[4].Entry.EventId), (found.Kind, found.Sequence, found.EventId));
        Assert.Contains("sequence 4 is missing", found.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Swapping_two_events_is_reported_as_a_reorder_naming_the_moved_event()
    {
        var (tenant, log, events) = await ChainAsync();

        // Swap the events at sequence numbers 7 and 8 (appended one by one: a block each): each block keeps its place (_id) and takes the other's contents.
        var seventh = await storage.RawBlocks.Find(At(tenant, 7)).SingleAsync().Within();
        var eighth = await storage.RawBlocks.Find(At(tenant, 8)).SingleAsync().Within();
        await storage.RawBlocks.ReplaceOneAsync(At(tenant, 7), eighth.Set("_id", seventh["_id"])).Within();
        await storage.RawBlocks.ReplaceOneAsync(At(tenant, 8), seventh.Set("_id", Id(tenant, 8))).Within();

        var found = (await VerifyAsync(log, tenant)).FirstBreak;

        Assert.NotNull(found);
        Assert.Equal((ChainBreakKind.OutOfOrder, 7L, events[7].Entry.EventId), (found.Kind, found.Sequence, found.EventId));
        Assert.Contains("written as sequence 8 but is found at sequence 7", found.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rewriting_an_event_with_a_recomputed_hash_breaks_the_link_from_the_next_one()
    {
        var (tenant, log, events) = await ChainAsync();
        var forged = events[2].Entry with { Actor = "someone-else" };
        var rehashed = AuditHash.Compute(tenant, 3, events[1].Hash, forged);
        await storage.EditEventAsync(At(tenant, 3), 0, e => e.Set("actor", "someone-else").Set("h", rehashed));

        var found = (await VerifyAsync(log, tenant)).FirstBreak;

        Assert.NotNull(found);
        Assert.Equal((ChainBreakKind.Edited, 3L, events[2].Entry.EventId), (found.Kind, found.Sequence, found.EventId));
    }

    [Fact]
    public async Task Deleting_the_last_events_is_reported_against_the_checkpoint()
    {
        var (tenant, log, events) = await ChainAsync();
        await ((MongoAuditLog)log).CheckpointNowAsync(CancellationToken.None).Within();
        await storage.RawBlocks.DeleteManyAsync(Builders<BsonDocument>.Filter.In("_id", new[] { Id(tenant, 9), Id(tenant, 10) })).Within();

        var verified = await VerifyAsync(log, tenant);

        Assert.Equal((Events, events[^1].Hash), (verified.Checkpoint!.Sequence, verified.Checkpoint.Hash));
        Assert.Equal((ChainBreakKind.Missing, 9L), (verified.FirstBreak!.Kind, verified.FirstBreak.Sequence));
        Assert.StartsWith("sequences 9 to 10 are missing: deleted from the end of the chain, which the checkpoint of ", verified.FirstBreak.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tail_cut_and_written_again_is_reported_where_the_checkpoint_saw_another_event()
    {
        var (tenant, log, events) = await ChainAsync();
        await ((MongoAuditLog)log).CheckpointNowAsync(CancellationToken.None).Within();
        await storage.RawBlocks.DeleteManyAsync(Builders<BsonDocument>.Filter.In("_id", new[] { Id(tenant, 9), Id(tenant, 10) })).Within();

        // A fresh replica finds the cut chain's head and appends after it: every link is intact again.
        var other = storage.NewReplica();
        await other.AppendAsync(AuditStorage.Entry(tenant, actor: "someone-else"), CancellationToken.None).Within();
        var tenth = await other.AppendAsync(AuditStorage.Entry(tenant, actor: "someone-else"), CancellationToken.None).Within();
        await ((MongoAuditLog)other).CheckpointNowAsync(CancellationToken.None).Within();

        var verified = await VerifyAsync(log, tenant);

        Assert.Equal(events[^1].Hash, verified.Checkpoint!.Hash);
        Assert.Equal((ChainBreakKind.Edited, 10L, tenth.Entry.EventId), (verified.FirstBreak!.Kind, verified.FirstBreak.Sequence, verified.FirstBreak.EventId));
    }

    [Fact]
    public async Task A_head_kept_from_an_earlier_verification_shows_a_tail_cut_after_it()
    {
        var (tenant, log, events) = await ChainAsync();
        var before = await VerifyAsync(log, tenant);
        await storage.RawBlocks.DeleteOneAsync(At(tenant, 10)).Within();

        var found = (await AuditStorage.Reader(log).VerifyAsync(tenant, before.HeadSequence, before.HeadHash, CancellationToken.None).Within()).FirstBreak;

        Assert.Equal((ChainBreakKind.Missing, 10L), (found!.Kind, found.Sequence));
        Assert.Contains("sequence 10 is missing: deleted from the end of the chain", found.Detail, StringComparison.Ordinal);
        Assert.Equal(events[^1].Hash, before.HeadHash);
    }

    private static FilterDefinition<BsonDocument> At(string tenant, long sequence) => Builders<BsonDocument>.Filter.Eq("_id", Id(tenant, sequence));

    private static string Id(string tenant, long sequence) => AuditBlockIds.Of(tenant, sequence);

    private static Task<ChainVerification> VerifyAsync(IAuditLog log, string tenant) =>
        AuditStorage.Reader(log).VerifyAsync(tenant, CancellationToken.None).Within();

    private async Task<(string Tenant, IAuditLog Log, List<ChainedAuditEvent> Events)> ChainAsync()
    {
        var tenant = $"tamper-{Guid.NewGuid():N}"[..16];
        var log = storage.NewReplica();
        var events = new List<ChainedAuditEvent>();
        for (var i = 0; i < Events; i++)
        {
            events.Add(await log.AppendAsync(AuditStorage.Entry(tenant, record: $"rec-{i}"), CancellationToken.None).Within());
        }

        return (tenant, log, events);
    }
}
