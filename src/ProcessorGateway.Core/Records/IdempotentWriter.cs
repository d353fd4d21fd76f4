using ProcessorGateway.Core.Errors;

namespace ProcessorGateway.Core.Records;

/// <summary>
/// Runs a write at most once per idempotency key. The key is claimed before the write and completed
/// after it; the write itself is version-guarded and stamps the key on the record, so a retry after
/// a crash between the two can tell whether its write already happened, and concurrent duplicates
/// cannot both succeed.
/// </summary>
internal sealed class IdempotentWriter(IIdempotencyStore store, TimeProvider time)
{
    /// <param name="recover">Finds the outcome of an earlier attempt with this key that did write, if any.</param>
    public async Task<WriteOutcome> RunAsync(
        string tenantId, string? key, byte[] fingerprint, string recordId,
        Func<Task<WriteOutcome>> write, Func<Task<WriteOutcome?>> recover, CancellationToken cancellationToken)
    {
        if (key is null)
        {
            return await write().ConfigureAwait(false);
        }

        var existing = await store.TryBeginAsync(tenantId, new IdempotencyEntry(key, fingerprint, false, recordId, 0, time.GetUtcNow()), cancellationToken)
            .ConfigureAwait(false);
        if (existing is not null)
        {
            if (!existing.RequestFingerprint.AsSpan().SequenceEqual(fingerprint))
            {
                throw DomainErrors.IdempotencyKeyReused();
            }

            if (existing.Completed)
            {
                return new WriteOutcome(existing.RecordId, existing.Version, Replayed: true);
            }

            // Pending: an earlier attempt either wrote and died before completing, or never wrote.
            if (await recover().ConfigureAwait(false) is { } earlier)
            {
                await store.CompleteAsync(tenantId, key, earlier.Version, cancellationToken).ConfigureAwait(false);
                return earlier with { Replayed = true };
            }
        }

        WriteOutcome outcome;
        try
        {
            outcome = await write().ConfigureAwait(false);
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.FailedPrecondition)
        {
            // A concurrent duplicate may have won the version race with the same key.
            var earlier = await recover().ConfigureAwait(false);
            if (earlier is null || e.Kind != DomainErrorKind.FailedPrecondition)
            {
                throw;
            }

            outcome = earlier with { Replayed = true };
        }

        await store.CompleteAsync(tenantId, key, outcome.Version, cancellationToken).ConfigureAwait(false);
        return outcome;
    }
}
