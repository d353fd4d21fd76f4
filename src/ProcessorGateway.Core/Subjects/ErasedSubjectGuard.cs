using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Shredding;

namespace ProcessorGateway.Core.Subjects;

/// <summary>
/// Refuses writes of an erased subject's profile and preferences (FAILED_PRECONDITION, as for records and consents,
/// which need the destroyed key), so the state the erasure deleted cannot come back by accident.
/// </summary>
public sealed class ErasedSubjectGuard(IShredLedger ledger)
{
    /// <summary>
    /// Writes the state unless the subject is erased. The ledger is read before the write and again after it: an
    /// erasure writes its tombstone before it deletes the state, so a write that misses the tombstone lands before the
    /// erasure's delete, and one that lands after is seen here and undone.
    /// </summary>
    public async Task WriteAsync(string tenantId, string subjectId, Func<Task> write, Func<Task> undo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(undo);
        await ThrowIfErasedAsync(tenantId, subjectId, cancellationToken).ConfigureAwait(false);
        await write().ConfigureAwait(false);
        if (await ledger.FindSubjectAsync(tenantId, subjectId, cancellationToken).ConfigureAwait(false) is { } tombstone)
        {
            await undo().ConfigureAwait(false);
            throw Erased(tombstone);
        }
    }

    private async Task ThrowIfErasedAsync(string tenantId, string subjectId, CancellationToken cancellationToken)
    {
        if (await ledger.FindSubjectAsync(tenantId, subjectId, cancellationToken).ConfigureAwait(false) is { } tombstone)
        {
            throw Erased(tombstone);
        }
    }

    private static DomainException Erased(ShredRecord tombstone) => DomainErrors.DataErased($"subject '{tombstone.SubjectId}'", tombstone.ShreddedAt);
}
