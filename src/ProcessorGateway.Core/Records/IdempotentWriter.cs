using ProcessorGateway.Core.Errors;

namespace ProcessorGateway.Core.Records;

/// <summary>
/// Runs a write at most once per idempotency key. The key is claimed before the write and completed
/// after it. A duplicate that arrives while the first is in flight waits for its result. A refused
/// request releases its claim, so its retry is judged afresh. The write itself is version-guarded
/// and stamps the key on the record, so the retry of an attempt that died between writing and
/// completing finds its result instead of writing twice.
/// </summary>
internal sealed class IdempotentWriter(IIdempotencyStore store, TimeProvider time)
{
    /// <summary>A pending claim younger than this belongs to an attempt that may still be running.</summary>
    private static readonly TimeSpan InFlightWindow = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan DuplicateWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    /// <param name="recover">Finds the outcome of an earlier attempt with this key that did write, if any.</param>
    public async Task<WriteOutcome> RunAsync(
        string tenantId, string? key, byte[] fingerprint, string recordId,
        Func<Task<WriteOutcome>> write, Func<Task<WriteOutcome?>> recover, CancellationToken cancellationToken)
    {
        if (key is null)
        {
            return await write().ConfigureAwait(false);
        }

        var tookOver = false;
        var existing = await store.TryBeginAsync(tenantId, new IdempotencyEntry(key, fingerprint, false, recordId, 0, time.GetUtcNow()), cancellationToken)
            .ConfigureAwait(false);
        if (existing is not null)
        {
            var settled = await SettleAsync(tenantId, key, fingerprint, existing, recover, cancellationToken).ConfigureAwait(false);
            if (settled.Replay is { } replay)
            {
                return replay;
            }

            if (settled.Stale)
            {
                // The claim's attempt died, before or after writing.
                if (await recover().ConfigureAwait(false) is { } earlier)
                {
                    await store.CompleteAsync(tenantId, key, earlier.Version, cancellationToken).ConfigureAwait(false);
                    return earlier with { Replayed = true };
                }

                tookOver = true;
            }
        }

        WriteOutcome outcome;
        try
        {
            outcome = await write().ConfigureAwait(false);
        }
        catch (DomainException e) when (e.Kind != DomainErrorKind.Unavailable)
        {
            // Only a taken-over claim can race another attempt with the same key.
            var earlier = tookOver ? await recover().ConfigureAwait(false) : null;
            if (earlier is null)
            {
                await store.ReleaseAsync(tenantId, key, cancellationToken).ConfigureAwait(false);
                throw;
            }

            outcome = earlier with { Replayed = true };
        }

        await store.CompleteAsync(tenantId, key, outcome.Version, cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>
    /// For a batch: claims fresh keys at once, as <see cref="RunAsync"/> claims one. A claim that returns <c>true</c> is
    /// this caller's to write under and then to <see cref="CompleteManyAsync"/> or <see cref="ReleaseAsync"/>; a key
    /// claimed already (<c>false</c>) is left to <see cref="RunAsync"/>, which settles it as it settles any duplicate.
    /// </summary>
    public Task<IReadOnlyList<bool>> TryClaimManyAsync(
        string tenantId, IReadOnlyList<(string Key, byte[] Fingerprint, string RecordId)> claims, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var now = time.GetUtcNow();
        return store.TryBeginManyAsync(tenantId, claims.Select(c => new IdempotencyEntry(c.Key, c.Fingerprint, false, c.RecordId, 0, now)).ToList(), cancellationToken);
    }

    public Task CompleteManyAsync(string tenantId, IReadOnlyList<(string Key, long Version)> completed, CancellationToken cancellationToken) =>
        store.CompleteManyAsync(tenantId, completed, cancellationToken);

    /// <summary>A refused request gives up its claim, so its retry is judged afresh.</summary>
    public Task ReleaseAsync(string tenantId, string key, CancellationToken cancellationToken) => store.ReleaseAsync(tenantId, key, cancellationToken);

    /// <summary>Waits out a duplicate in flight: its result to replay, a stale claim to take over, or the key claimed afresh.</summary>
    private async Task<Settlement> SettleAsync(
        string tenantId, string key, byte[] fingerprint, IdempotencyEntry existing, Func<Task<WriteOutcome?>> recover, CancellationToken cancellationToken)
    {
        var waitUntil = time.GetUtcNow() + DuplicateWait;
        var entry = existing;
        while (true)
        {
            if (!entry.RequestFingerprint.AsSpan().SequenceEqual(fingerprint))
            {
                throw DomainErrors.IdempotencyKeyReused();
            }

            if (entry.Completed)
            {
                return new Settlement(new WriteOutcome(entry.RecordId, entry.Version, Replayed: true), Stale: false);
            }

            if (time.GetUtcNow() - entry.CreatedAt >= InFlightWindow)
            {
                return new Settlement(null, Stale: true);
            }

            // Written but not completed: by an attempt still finishing, or one that died just after writing.
            if (await recover().ConfigureAwait(false) is { } written)
            {
                await store.CompleteAsync(tenantId, key, written.Version, cancellationToken).ConfigureAwait(false);
                return new Settlement(written with { Replayed = true }, Stale: false);
            }

            if (time.GetUtcNow() >= waitUntil)
            {
                throw DomainErrors.IdempotencyInProgress();
            }

            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
            var next = await store.FindAsync(tenantId, key, cancellationToken).ConfigureAwait(false);
            if (next is null)
            {
                // The first attempt was refused and released the key; this duplicate is judged afresh.
                next = await store.TryBeginAsync(tenantId, entry with { CreatedAt = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
                if (next is null)
                {
                    return new Settlement(null, Stale: false);
                }
            }

            entry = next;
        }
    }

    private readonly record struct Settlement(WriteOutcome? Replay, bool Stale);
}
