using ProcessorGateway.Core.Audit;

namespace ProcessorGateway.Core.Tests.Audit;

/// <summary>The walk over events as read from storage (the storage tests tamper in MongoDB itself).</summary>
public sealed class AuditChainVerifierTests
{
    private const string Chain = "oak-school";

    [Fact]
    public async Task An_empty_chain_is_intact_at_the_genesis_hash()
    {
        var verified = await AuditChainVerifier.VerifyAsync(Chain, AsyncOf([]), CancellationToken.None);

        Assert.True(verified.Intact);
        Assert.Equal((0L, AuditHash.Genesis), (verified.HeadSequence, verified.HeadHash));
    }

    [Fact]
    public async Task Deleting_the_first_event_is_reported_as_sequence_one_missing()
    {
        var events = Build(5);

        var verified = await AuditChainVerifier.VerifyAsync(Chain, AsyncOf(events.Skip(1)), CancellationToken.None);

        Assert.Equal((ChainBreakKind.Missing, 1L, events[1].Entry.EventId), (verified.FirstBreak!.Kind, verified.FirstBreak.Sequence, verified.FirstBreak.EventId));
    }

    [Fact]
    public async Task Deleting_several_events_names_the_whole_gap()
    {
        var events = Build(8);

        var verified = await AuditChainVerifier.VerifyAsync(Chain, AsyncOf(events.Take(2).Concat(events.Skip(5))), CancellationToken.None);

        Assert.Equal("sequences 3 to 5 are missing: deleted from before event " + events[5].Entry.EventId + " at sequence 6", verified.FirstBreak!.Detail);
        Assert.Equal(2, verified.EventsChecked);
    }

    [Fact]
    public async Task A_chain_ending_before_a_witnessed_head_is_reported_as_its_tail_missing()
    {
        var events = Build(6);
        var witness = new ChainWitness(6, events[5].Hash, "the checkpoint of 2026-11-26T05:00:00Z");

        var verified = await AuditChainVerifier.VerifyAsync(Chain, AsyncOf(events.Take(4)), [witness], CancellationToken.None);

        Assert.Equal((ChainBreakKind.Missing, 5L, string.Empty), (verified.FirstBreak!.Kind, verified.FirstBreak.Sequence, verified.FirstBreak.EventId));
        Assert.Equal("sequences 5 to 6 are missing: deleted from the end of the chain, which the checkpoint of 2026-11-26T05:00:00Z saw at sequence 6", verified.FirstBreak.Detail);
        Assert.Equal(4, verified.HeadSequence);
    }

    [Fact]
    public async Task A_tail_rewritten_past_a_witnessed_head_is_reported_at_the_witnessed_place()
    {
        var events = Build(6);
        var rewritten = Build(6, "forged");
        var witness = new ChainWitness(6, events[5].Hash, "the head given with the request");

        // Same length, every link intact, but not the chain the witness saw.
        var verified = await AuditChainVerifier.VerifyAsync(Chain, AsyncOf(rewritten), [witness], CancellationToken.None);

        Assert.Equal((ChainBreakKind.Edited, 6L, rewritten[5].Entry.EventId), (verified.FirstBreak!.Kind, verified.FirstBreak.Sequence, verified.FirstBreak.EventId));
        Assert.Contains("is not the event the head given with the request saw there", verified.FirstBreak.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chain_grown_past_its_witnesses_is_intact()
    {
        var events = Build(6);

        var verified = await AuditChainVerifier.VerifyAsync(
            Chain, AsyncOf(events), [new ChainWitness(3, events[2].Hash, "a checkpoint"), new ChainWitness(5, events[4].Hash, "a caller")], CancellationToken.None);

        Assert.True(verified.Intact);
        Assert.Equal(6, verified.HeadSequence);
    }

    [Fact]
    public async Task An_event_removed_from_inside_a_block_is_missing_at_its_place_though_the_places_after_it_close_up()
    {
        var events = Build(8);

        // Places come from a block's order: without event 4, events 5 to 8 are read at places 4 to 7.
        var read = events.Take(3).Concat(events.Skip(4).Select(e => e with { Sequence = e.Sequence - 1 }));
        var verified = await AuditChainVerifier.VerifyAsync(Chain, AsyncOf(read), CancellationToken.None);

        Assert.Equal((ChainBreakKind.Missing, 4L, events[4].Entry.EventId), (verified.FirstBreak!.Kind, verified.FirstBreak.Sequence, verified.FirstBreak.EventId));
        Assert.Equal($"sequence 4 is missing: deleted from before event {events[4].Entry.EventId}, written as sequence 5 and found at sequence 4", verified.FirstBreak.Detail);
        Assert.Equal(3, verified.HeadSequence);
    }

    [Fact]
    public async Task An_event_moved_further_on_inside_a_block_is_out_of_order_not_missing()
    {
        var events = Build(8);

        // Event 4 moved after event 6: the block reads 1 2 3 5 6 4 7 8 at places 1 to 8.
        var order = new[] { 0, 1, 2, 4, 5, 3, 6, 7 };
        var read = order.Select((index, place) => events[index] with { Sequence = place + 1 });
        var verified = await AuditChainVerifier.VerifyAsync(Chain, AsyncOf(read), CancellationToken.None);

        Assert.Equal((ChainBreakKind.OutOfOrder, 4L, events[4].Entry.EventId), (verified.FirstBreak!.Kind, verified.FirstBreak.Sequence, verified.FirstBreak.EventId));
        Assert.Contains("written as sequence 5 but is found at sequence 4", verified.FirstBreak.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_added_before_a_place_already_reached_names_both_events_and_vouches_only_for_the_chain_before_it()
    {
        var events = Build(6);
        var forged = AuditHash.Chain(Chain, 6, events[4].Hash, events[5].Entry with { EventId = "evt-forged" });

        // The forged event links as the sixth; the real sixth, in the next block, keeps its place.
        var verified = await AuditChainVerifier.VerifyAsync(Chain, AsyncOf([.. events.Take(5), forged, events[5]]), CancellationToken.None);

        Assert.Equal((ChainBreakKind.Edited, 6L, events[5].Entry.EventId), (verified.FirstBreak!.Kind, verified.FirstBreak.Sequence, verified.FirstBreak.EventId));
        Assert.StartsWith($"two events at sequence 6: evt-forged and {events[5].Entry.EventId}", verified.FirstBreak.Detail, StringComparison.Ordinal);
        Assert.Equal((5L, events[4].Hash), (verified.HeadSequence, verified.HeadHash));
    }

    [Fact]
    public async Task An_event_filed_under_another_chain_is_an_edit()
    {
        var events = Build(4);

        var verified = await AuditChainVerifier.VerifyAsync(Chain, AsyncOf(events.Select(e => e.Sequence == 3 ? e with { ChainId = "elm-school" } : e)), CancellationToken.None);

        Assert.Equal((ChainBreakKind.Edited, 3L, events[2].Entry.EventId), (verified.FirstBreak!.Kind, verified.FirstBreak.Sequence, verified.FirstBreak.EventId));
        Assert.Contains("filed under chain 'elm-school'", verified.FirstBreak.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chain_mixing_events_of_every_hash_format_verifies_and_an_edited_count_is_an_edit_of_exactly_that_event()
    {
        var reference = new SubjectReference(new ProcessorGateway.Core.Keys.KeyReference(Guid.Parse("0f8e2a4c-5b6d-4e7f-8a9b-0c1d2e3f4a5b"), 1), [1, 2, 3], [4, 5, 6]);
        var events = Rechain(Build(6), (place, entry) => place switch
        {
            2 => entry with { SubjectRefs = [reference] },
            3 => entry with { SubjectRefs = [reference], PurposeCategory = "service_operation" },
            4 => entry with { Count = 99, Reason = RefusalReasons.InvalidToken, TenantId = null },
            5 => entry with { PurposeCategory = "service_operation" },
            6 => entry with { Reason = RefusalReasons.MissingToken, TenantId = null },
            _ => entry,
        });
        Assert.True((await AuditChainVerifier.VerifyAsync(Chain, AsyncOf(events), CancellationToken.None)).Intact);

        foreach (var edit in new Func<AuditEntry, AuditEntry>[] { e => e with { Count = 98 }, e => e with { Count = 1 }, e => e with { Reason = null } })
        {
            var edited = events.Select(e => e.Sequence == 4 ? e with { Entry = edit(e.Entry) } : e);

            var verified = await AuditChainVerifier.VerifyAsync(Chain, AsyncOf(edited), CancellationToken.None);

            Assert.Equal((ChainBreakKind.Edited, 4L, events[3].Entry.EventId), (verified.FirstBreak!.Kind, verified.FirstBreak.Sequence, verified.FirstBreak.EventId));
            Assert.Equal((3L, events[2].Hash), (verified.HeadSequence, verified.HeadHash));
        }
    }

    /// <summary>The events changed as written, each hashed after the one before it.</summary>
    private static List<ChainedAuditEvent> Rechain(List<ChainedAuditEvent> events, Func<long, AuditEntry, AuditEntry> change)
    {
        var previous = AuditHash.Genesis;
        var chained = new List<ChainedAuditEvent>();
        foreach (var e in events)
        {
            chained.Add(AuditHash.Chain(Chain, e.Sequence, previous, change(e.Sequence, e.Entry)));
            previous = chained[^1].Hash;
        }

        return chained;
    }

    private static List<ChainedAuditEvent> Build(int count, string actor = "client-1")
    {
        var events = new List<ChainedAuditEvent>();
        var previous = AuditHash.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var entry = new AuditEntry($"evt-{actor}-{i}", DateTimeOffset.UnixEpoch.AddSeconds(i), actor, Chain, null, "RecordService.GetRecord",
                [], [], [], AuditOutcome.Succeeded, "OK", null, null, null);
            var chained = AuditHash.Chain(Chain, i, previous, entry);
            previous = chained.Hash;
            events.Add(chained);
        }

        return events;
    }

    private static async IAsyncEnumerable<ChainedAuditEvent> AsyncOf(IEnumerable<ChainedAuditEvent> events)
    {
        foreach (var item in events)
        {
            await Task.Yield();
            yield return item;
        }
    }
}
