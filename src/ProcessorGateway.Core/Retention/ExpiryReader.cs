using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Core.Records;
using ProcessorGateway.Core.Schemas;

namespace ProcessorGateway.Core.Retention;

/// <summary>
/// Adds to a record read when its values and the record fall due (<see cref="RecordExpiry"/>), on the calendar
/// clock the retention job judges them on. Nothing is shown while a legal hold or a retention rule keeps the
/// record: then nothing is due. Holds and rules are read only for a schema with a retention, once per call.
/// </summary>
public sealed class ExpiryReader(IErasurePolicyStore policies, ErasureClock clock)
{
    /// <returns>A function that adds the due dates to each view of one call's records.</returns>
    public Func<StoredRecord, RecordView, Task<RecordView>> ForCall(string tenantId, CollectionSchema schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (!RecordExpiry.Applies(schema))
        {
            return (_, view) => Task.FromResult(view);
        }

        IReadOnlyList<RetentionRule>? rules = null;
        var holds = new Dictionary<string, IReadOnlyList<LegalHold>>(StringComparer.Ordinal);
        return async (stored, view) =>
        {
            var fields = RecordExpiry.Fields(schema, stored);
            var whole = RecordExpiry.Record(schema, stored);
            if (fields.Count == 0 && whole is null)
            {
                return view;
            }

            rules ??= await policies.ListRulesAsync(tenantId, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<LegalHold> held = [];
            if (stored.SubjectId is { } subjectId && !holds.TryGetValue(subjectId, out held!))
            {
                held = holds[subjectId] = await policies.ListHoldsAsync(tenantId, subjectId, activeOnly: true, cancellationToken).ConfigureAwait(false);
            }

            return RecordExpiry.IsSuspended(stored, held, rules, clock.Now()) ? view : view with { FieldExpiresAt = fields, ExpiresAt = whole };
        };
    }
}
