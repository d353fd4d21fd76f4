using System.Globalization;

namespace ProcessorGateway.Core.Audit;

/// <summary>
/// Walks a chain in sequence order and reports its first broken link precisely: a sequence number
/// missing (deleted), an event whose contents no longer match its hash (edited), or an event that does
/// not follow the one before it (moved or reordered), naming the event and its sequence number. Held
/// against witnesses of heads the chain once reached, it also finds a tail cut off or rewritten.
/// </summary>
public static class AuditChainVerifier
{
    /// <summary>How far from where it is found a moved event's original sequence number is looked for.</summary>
    private const int MoveSearchWindow = 256;

    public static Task<ChainVerification> VerifyAsync(string chainId, IAsyncEnumerable<ChainedAuditEvent> events, CancellationToken cancellationToken) =>
        VerifyAsync(chainId, events, [], null, cancellationToken);

    public static Task<ChainVerification> VerifyAsync(
        string chainId, IAsyncEnumerable<ChainedAuditEvent> events, IReadOnlyCollection<ChainWitness> witnesses, CancellationToken cancellationToken) =>
        VerifyAsync(chainId, events, witnesses, null, cancellationToken);

    /// <param name="pruned">
    /// Where the chain was pruned, if it was: the walk starts after it, the first retained event linking to its hash,
    /// and skips events at or before it that a pass recorded the point for but had not deleted yet.
    /// </param>
    public static async Task<ChainVerification> VerifyAsync(
        string chainId, IAsyncEnumerable<ChainedAuditEvent> events, IReadOnlyCollection<ChainWitness> witnesses, AuditPrunePoint? pruned,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(witnesses);
        var start = pruned?.Sequence ?? 0;
        var witnessed = witnesses.Where(w => w.Sequence > start).ToLookup(w => w.Sequence);
        var expected = start + 1;
        var origin = (Sequence: start, Hash: pruned?.Hash ?? AuditHash.Genesis);
        var previousHash = origin.Hash;
        string? previousId = null;
        var recent = new Queue<ChainedAuditEvent>(MoveSearchWindow);
        var reading = events.WithCancellation(cancellationToken).ConfigureAwait(false).GetAsyncEnumerator();
        try
        {
            while (await reading.MoveNextAsync())
            {
                var current = reading.Current;
                if (current.Sequence <= start && expected == start + 1)
                {
                    continue;
                }

                if (current.Sequence < expected)
                {
                    return Duplicated(chainId, current, expected, origin, recent);
                }

                // A broken link is reported whatever follows, so the walk may read on: what comes next tells an
                // event moved up by a removal before it from one that changed places with another.
                var ahead = new List<ChainedAuditEvent>();
                while (current.Sequence == expected && !string.Equals(current.PreviousHash, previousHash, StringComparison.Ordinal)
                    && ahead.Count < MoveSearchWindow && await reading.MoveNextAsync())
                {
                    ahead.Add(reading.Current);
                }

                var found = Check(chainId, current, ahead, expected, previousHash, previousId) ?? Witnessed(current, witnessed[current.Sequence]);
                if (found is not null)
                {
                    return new ChainVerification(chainId, expected - 1 - start, expected - 1, previousHash, found);
                }

                previousHash = current.Hash;
                previousId = current.Entry.EventId;
                expected++;
                if (recent.Count == MoveSearchWindow)
                {
                    recent.Dequeue();
                }

                recent.Enqueue(current);
            }
        }
        finally
        {
            await reading.DisposeAsync();
        }

        var head = expected - 1;
        var beyond = witnesses.Where(w => w.Sequence > head).MaxBy(w => w.Sequence);
        var cut = beyond is null
            ? null
            : new ChainBreak(ChainBreakKind.Missing, head + 1, string.Empty, Invariant(
                $"{(beyond.Sequence == head + 1 ? $"sequence {head + 1} is" : $"sequences {head + 1} to {beyond.Sequence} are")} missing: deleted from the end of the chain, which {beyond.Source} saw at sequence {beyond.Sequence}"));
        return new ChainVerification(chainId, head - start, head, previousHash, cut);
    }

    /// <summary>An intact link whose event is not the one a witness saw at its place: everything from there back may have been rewritten.</summary>
    private static ChainBreak? Witnessed(ChainedAuditEvent current, IEnumerable<ChainWitness> witnesses)
    {
        var other = witnesses.FirstOrDefault(w => !string.Equals(w.Hash, current.Hash, StringComparison.Ordinal));
        return other is null
            ? null
            : new ChainBreak(ChainBreakKind.Edited, current.Sequence, current.Entry.EventId, Invariant(
                $"event {current.Entry.EventId} at sequence {current.Sequence} is not the event {other.Source} saw there: the chain was rewritten at or before sequence {current.Sequence}"));
    }

    /// <summary>
    /// Two events at one place: events were added before this one (inside a block, the places after an added
    /// event move down, and the next block starts where it always did). The chain is vouched for only up to the
    /// place before (from the genesis, or the prune point, when that lies further back than the walk keeps), and the report names both.
    /// </summary>
    private static ChainVerification Duplicated(
        string chainId, ChainedAuditEvent current, long expected, (long Sequence, string Hash) origin, Queue<ChainedAuditEvent> recent)
    {
        var id = current.Entry.EventId;
        var other = recent.FirstOrDefault(e => e.Sequence == current.Sequence);
        var before = recent.FirstOrDefault(e => e.Sequence == current.Sequence - 1);
        var (headSequence, headHash) = before is null ? origin : (before.Sequence, before.Hash);
        var found = new ChainBreak(ChainBreakKind.Edited, current.Sequence, id, Invariant(
            $"two events at sequence {current.Sequence}: {other?.Entry.EventId ?? "an earlier one"} and {id}, found after the chain had reached sequence {expected - 1}: events were added before event {id}"));
        return new ChainVerification(chainId, expected - 1 - origin.Sequence, headSequence, headHash, found);
    }

    private static ChainBreak? Check(string chainId, ChainedAuditEvent current, List<ChainedAuditEvent> ahead, long expected, string previousHash, string? previousId)
    {
        var id = current.Entry.EventId;
        if (current.Sequence != expected)
        {
            var missing = current.Sequence - 1 == expected
                ? Invariant($"sequence {expected} is missing")
                : Invariant($"sequences {expected} to {current.Sequence - 1} are missing");
            return new ChainBreak(ChainBreakKind.Missing, expected, id,
                Invariant($"{missing}: deleted from before event {id} at sequence {current.Sequence}"));
        }

        if (!string.Equals(current.ChainId, chainId, StringComparison.Ordinal))
        {
            // What a store keeps beside the hashed contents (the chain a query finds an event under) is checked too.
            return new ChainBreak(ChainBreakKind.Edited, current.Sequence, id,
                Invariant($"event {id} at sequence {current.Sequence} was edited: it is filed under chain '{current.ChainId}', so queries of this chain do not find it"));
        }

        var intact = AuditHash.Compute(chainId, current.Sequence, current.PreviousHash, current.Entry) == current.Hash;
        if (current.PreviousHash == previousHash)
        {
            return intact
                ? null
                : new ChainBreak(ChainBreakKind.Edited, current.Sequence, id,
                    Invariant($"event {id} at sequence {current.Sequence} was edited: its contents no longer match its hash"));
        }

        var original = OriginalSequence(chainId, current);
        if (original > current.Sequence
            && (ahead.Count == 0 || string.Equals(ahead[0].PreviousHash, current.Hash, StringComparison.Ordinal))
            && !ahead.Any(e => string.Equals(e.PreviousHash, previousHash, StringComparison.Ordinal)))
        {
            // Moved up, what follows still follows it, and nothing further on links to the last intact event: the
            // events before it were removed (inside a block, the places after a removed event close up), not moved.
            var removed = original.Value - current.Sequence;
            return new ChainBreak(ChainBreakKind.Missing, expected, id, Invariant(
                $"{(removed == 1 ? $"sequence {expected} is" : $"sequences {expected} to {expected + removed - 1} are")} missing: deleted from before event {id}, written as sequence {original} and found at sequence {current.Sequence}"));
        }

        if (original is not null)
        {
            return new ChainBreak(ChainBreakKind.OutOfOrder, current.Sequence, id,
                Invariant($"event {id} was written as sequence {original} but is found at sequence {current.Sequence}: the chain was reordered"));
        }

        return intact
            ? new ChainBreak(ChainBreakKind.Edited, current.Sequence - 1, previousId ?? string.Empty,
                Invariant($"event {previousId} at sequence {current.Sequence - 1} was replaced or rewritten with a new hash: event {id} at sequence {current.Sequence} does not follow it"))
            : new ChainBreak(ChainBreakKind.Edited, current.Sequence, id,
                Invariant($"event {id} at sequence {current.Sequence} was edited: neither its contents nor its link to the event before it match its hash"));
    }

    /// <summary>The sequence number an intact event was hashed with, when it is not where it was found.</summary>
    private static long? OriginalSequence(string chainId, ChainedAuditEvent current)
    {
        for (var distance = 1; distance <= MoveSearchWindow; distance++)
        {
            foreach (var candidate in (ReadOnlySpan<long>)[current.Sequence - distance, current.Sequence + distance])
            {
                if (candidate >= 1 && AuditHash.Compute(chainId, candidate, current.PreviousHash, current.Entry) == current.Hash)
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
