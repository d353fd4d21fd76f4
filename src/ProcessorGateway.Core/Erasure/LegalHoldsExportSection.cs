using ProcessorGateway.Core.Subjects;

namespace ProcessorGateway.Core.Erasure;

/// <summary>
/// The legal-holds part of a subject export: every hold placed on the subject (released ones too, with
/// when), then each of the subject's records that blocks erasure today, by which hold or retention rule,
/// why, and until when. The subject learns what is kept about them and on what grounds.
/// </summary>
public sealed class LegalHoldsExportSection(IErasurePolicyStore policies, ErasureBlocks blocks, ErasureClock clock) : ISubjectExportSection
{
    public string Name => SubjectExportSections.LegalHolds;

    public async IAsyncEnumerable<SectionLine> ReadAsync(string tenantId, string subjectId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var holds = await policies.ListHoldsAsync(tenantId, subjectId, activeOnly: false, cancellationToken).ConfigureAwait(false);
        foreach (var hold in holds)
        {
            yield return new SectionLine("legal_hold", json =>
            {
                json.WriteString("hold_id", hold.HoldId);
                json.WriteString("collection", hold.Collection);
                json.WriteString("reason", hold.Reason);
                json.WriteString("placed_at", hold.PlacedAt);
                json.WriteString("placed_by", hold.PlacedBy);
                if (hold.ReleasedAt is { } released)
                {
                    json.WriteString("released_at", released);
                }
                else
                {
                    json.WriteNull("released_at");
                }
            });
        }

        var blocked = await blocks.FindAsync(tenantId, ErasureScope.Subject, subjectId, clock.Now(), cancellationToken).ConfigureAwait(false);
        foreach (var record in blocked)
        {
            yield return new SectionLine("kept_record", json =>
            {
                json.WriteString("collection", record.Collection);
                json.WriteString("record_id", record.RecordId);
                json.WriteString("kept_by", record.HeldBy);
                json.WriteString("reason", record.Reason);
                if (record.RetainedUntil is { } until)
                {
                    json.WriteString("kept_until", until);
                }
                else
                {
                    json.WriteNull("kept_until");
                }
            });
        }
    }
}
