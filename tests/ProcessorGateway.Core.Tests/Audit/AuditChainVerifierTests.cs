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

    private static List<ChainedAuditEvent> Build(int count)
    {
        var events = new List<ChainedAuditEvent>();
        var previous = AuditHash.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var entry = new AuditEntry($"evt-{i}", DateTimeOffset.UnixEpoch.AddSeconds(i), "client-1", Chain, null, "RecordService.GetRecord",
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
