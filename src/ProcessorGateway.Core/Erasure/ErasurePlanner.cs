using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Shredding;

namespace ProcessorGateway.Core.Erasure;

/// <summary>
/// What an execution will do, decided before anything changes and stored with the request, so a resumed
/// execution does the same: which records are kept and under which key, which wait for a later part, and the
/// records each part destroys.
/// </summary>
public sealed class ErasurePlanner(ErasureBlocks blocks, IErasureCensus census, ShredService shredder, ErasureClock clock)
{
    /// <summary>
    /// The first execution: for a subject, the records kept and the retained key they go under, earlier retained
    /// keys to destroy, the institution key the records of a later part wait under, and the records destroyed per
    /// collection and part (for a subject erased before, only the kept records now released); for a tenant, a
    /// refusal if anything is kept.
    /// </summary>
    public async Task<ErasureRequest> PlanFirstAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var blocked = await blocks.FindAsync(request.TenantId, request.Scope, request.SubjectId, clock.Now(), cancellationToken).ConfigureAwait(false);
        if (request.Scope == ErasureScope.Tenant)
        {
            if (blocked.Count > 0)
            {
                return request with { State = ErasureState.Refused, RefusalReason = ErasureBlocks.Describe(blocked), Blocked = blocked, LeaseOwner = null, LeaseUntil = null };
            }

            var all = await census.CountByCollectionAsync(request.TenantId, null, cancellationToken).ConfigureAwait(false);
            return request with { RecordCounts = all, Parts = Split(request.Parts, all) };
        }

        var subject = request.SubjectId!;
        var records = await census.ListSubjectRecordsAsync(request.TenantId, subject, ErasureBlocks.ScanLimit, cancellationToken).ConfigureAwait(false);
        var erasedBefore = await shredder.SubjectErasedAtAsync(request.TenantId, subject, cancellationToken).ConfigureAwait(false) is not null;
        if (erasedBefore)
        {
            // The subject's other records became unreadable with its key: a hold placed since cannot keep them (they wait
            // for the purge), only records already under a retained key can still be kept. Nothing is left to wait for a later part.
            var retained = records.Where(r => r.RetainedKeyId is not null).Select(r => (r.Collection, r.RecordId)).ToHashSet();
            blocked = blocked.Where(b => b.RecordId == ErasureBlocks.AnyRecord || retained.Contains((b.Collection, b.RecordId))).ToList();
            request = ErasureExecutor.Start(request, allParts: true, clock.Now());
        }

        var kept = blocked.Where(b => b.RecordId != ErasureBlocks.AnyRecord).Select(b => (b.Collection, b.RecordId)).ToHashSet();
        var released = records.Where(r => r.RetainedKeyId is not null).Select(r => r.RetainedKeyId!.Value).Distinct().ToList();
        Dictionary<string, long> counts;
        if (erasedBefore)
        {
            counts = records.Where(r => r.RetainedKeyId is not null && !kept.Contains((r.Collection, r.RecordId)))
                .GroupBy(r => r.Collection).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        }
        else
        {
            counts = new Dictionary<string, long>(
                await census.CountByCollectionAsync(request.TenantId, subject, cancellationToken).ConfigureAwait(false), StringComparer.Ordinal);
            foreach (var collection in kept.Select(k => k.Collection))
            {
                counts[collection] = counts.GetValueOrDefault(collection) - 1;
            }
        }

        var waiting = WaitingCollections(request);
        foreach (var gone in counts.Where(c => c.Value <= 0 || waiting.Contains(c.Key)).Select(c => c.Key).ToList())
        {
            counts.Remove(gone);
        }

        return request with
        {
            RecordCounts = counts, Parts = Split(request.Parts, counts), Blocked = blocked, RetainedKeyId = kept.Count > 0 ? Guid.NewGuid() : null,
            ReleasedKeyIds = released, InstitutionKeyId = waiting.Count > 0 ? Guid.NewGuid() : null,
        };
    }

    /// <summary>
    /// A later part (institution-managed data waiting under the institution key): the records it destroys. A hold or
    /// rule that came to keep one of them meanwhile stops the part: it is put back to wait (and listed as blocked), as
    /// the waiting records cannot be moved to another key; it shows as overdue if that outlasts its deadline.
    /// </summary>
    public async Task<ErasureRequest> PlanLaterAsync(ErasureRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var waiting = (await census.ListSubjectRecordsAsync(request.TenantId, request.SubjectId!, ErasureBlocks.ScanLimit, cancellationToken).ConfigureAwait(false))
            .Where(r => r.RetainedKeyId is { } key && key == request.InstitutionKeyId).ToList();
        var ids = waiting.Select(r => (r.Collection, r.RecordId)).ToHashSet();
        var held = (await blocks.FindAsync(request.TenantId, ErasureScope.Subject, request.SubjectId, now, cancellationToken).ConfigureAwait(false))
            .Where(b => ids.Contains((b.Collection, b.RecordId))).ToList();
        if (held.Count > 0)
        {
            return request with
            {
                State = ErasureState.Verified,
                Parts = request.Parts.Select(p => p.State == ErasureState.Executing
                    ? p with { State = ErasureState.Verified, ExecuteAfter = now + KeptRecordSweep.RecheckInterval }
                    : p).ToList(),
                Blocked = request.Blocked.Concat(held).Distinct().ToList(),
                LeaseOwner = null,
                LeaseUntil = null,
            };
        }

        var counts = waiting.GroupBy(r => r.Collection, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        return request with
        {
            Parts = request.Parts.Select(p => p.State == ErasureState.Executing ? p with { RecordCounts = counts } : p).ToList(),
        };
    }

    /// <summary>The subject's records that wait under the institution key for their part: in its collections and not kept by a hold or rule.</summary>
    public async Task<IReadOnlyList<SubjectRecord>> WaitingRecordsAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var waiting = WaitingCollections(request);
        var kept = request.Blocked.Select(b => (b.Collection, b.RecordId)).ToHashSet();
        return (await census.ListSubjectRecordsAsync(request.TenantId, request.SubjectId!, ErasureBlocks.ScanLimit, cancellationToken).ConfigureAwait(false))
            .Where(r => waiting.Contains(r.Collection) && !kept.Contains((r.Collection, r.RecordId)) && (r.RetainedKeyId is null || r.RetainedKeyId == request.InstitutionKeyId))
            .ToList();
    }

    /// <summary>The collections of the parts that do not execute with this one.</summary>
    private static HashSet<string> WaitingCollections(ErasureRequest request) =>
        request.Parts.Where(p => p.State == ErasureState.Verified).SelectMany(p => p.Collections).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The counts of the executing parts: each collection to the part listing it, a collection none lists (records
    /// written since receipt) to the personal-account part, the stricter rule.
    /// </summary>
    private static List<ErasurePart> Split(IReadOnlyList<ErasurePart> parts, IReadOnlyDictionary<string, long> counts)
    {
        var running = parts.Where(p => p.State == ErasureState.Executing).ToList();
        var fallback = running.FirstOrDefault(p => p.Class == DataClass.PersonalAccount) ?? running.FirstOrDefault();
        return parts.Select(p => p.State != ErasureState.Executing
            ? p
            : p with
            {
                RecordCounts = counts.Where(c => p.Collections.Contains(c.Key) || (p == fallback && !running.Any(r => r.Collections.Contains(c.Key))))
                    .ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal),
            }).ToList();
    }
}
