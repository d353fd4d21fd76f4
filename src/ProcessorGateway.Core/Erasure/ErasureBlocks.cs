using System.Globalization;
using System.Text;

namespace ProcessorGateway.Core.Erasure;

/// <summary>
/// Finds what blocks an erasure: records under an active legal hold, and records a retention rule still
/// keeps. A subject's erasure keeps exactly those (moved under a retained key) and erases the rest; a whole
/// tenant's offboarding is refused while anything is kept, and the refusal names the records and why.
/// </summary>
public sealed class ErasureBlocks(IErasurePolicyStore policies, IErasureCensus census)
{
    /// <summary>The record id of a hold that covers nothing stored yet.</summary>
    public const string AnyRecord = "*";

    /// <summary>How many records of a subject or collection are looked at; a hold covering more still blocks.</summary>
    internal const int ScanLimit = 5_000;
    private const int Listed = 10;

    public async Task<IReadOnlyList<BlockedRecord>> FindAsync(string tenantId, ErasureScope scope, string? subjectId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var holds = await policies.ListHoldsAsync(tenantId, scope == ErasureScope.Subject ? subjectId : null, activeOnly: true, cancellationToken).ConfigureAwait(false);
        var rules = await policies.ListRulesAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var blocked = new List<BlockedRecord>();
        if (scope == ErasureScope.Subject)
        {
            var records = await census.ListSubjectRecordsAsync(tenantId, subjectId!, ScanLimit, cancellationToken).ConfigureAwait(false);
            AddHeld(blocked, holds, records);
            blocked.AddRange(records.SelectMany(r => Retained(r, rules, now)));
        }
        else
        {
            foreach (var hold in holds)
            {
                var records = await census.ListSubjectRecordsAsync(tenantId, hold.SubjectId, ScanLimit, cancellationToken).ConfigureAwait(false);
                AddHeld(blocked, [hold], records);
            }

            foreach (var rule in rules)
            {
                var records = await census.ListCollectionRecordsAsync(tenantId, rule.Collection, ScanLimit, cancellationToken).ConfigureAwait(false);
                blocked.AddRange(records.SelectMany(r => Retained(r, [rule], now)));
            }
        }

        return blocked;
    }

    /// <summary>The refusal stated to the requester: how many records, the first few by name, and the hold or rule with its reason.</summary>
    public static string Describe(IReadOnlyList<BlockedRecord> blocked)
    {
        ArgumentNullException.ThrowIfNull(blocked);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"erasure refused: {blocked.Count} record(s) must be kept, and offboarding the whole tenant would destroy them too: ");
        text.AppendJoin("; ", blocked.Take(Listed).Select(b => b.RetainedUntil is { } until
            ? string.Create(CultureInfo.InvariantCulture, $"{b.Collection}/{b.RecordId} kept until {until:yyyy-MM-dd} by {b.HeldBy} ({b.Reason})")
            : $"{b.Collection}/{b.RecordId} under {b.HeldBy} ({b.Reason})"));
        if (blocked.Count > Listed)
        {
            text.Append(CultureInfo.InvariantCulture, $"; and {blocked.Count - Listed} more");
        }

        return text.ToString();
    }

    /// <summary>
    /// Whether an active hold on <paramref name="subjectId"/> (all its records, or this collection's) or a retention
    /// rule still keeps one record now: what keeps a record from its subject's erasure keeps it from retention too.
    /// </summary>
    /// <param name="holds">Active holds; those of other subjects are passed over.</param>
    public static bool Keeps(
        SubjectRecord record, string? subjectId, IReadOnlyList<LegalHold> holds, IReadOnlyList<RetentionRule> rules, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(holds);
        return (subjectId is not null && holds.Any(h => h.SubjectId == subjectId && h.ReleasedAt is null && h.Covers(record.Collection)))
            || Retained(record, rules, now).Any();
    }

    private static void AddHeld(List<BlockedRecord> blocked, IReadOnlyList<LegalHold> holds, IReadOnlyList<SubjectRecord> records)
    {
        foreach (var hold in holds)
        {
            var held = records.Where(r => hold.Covers(r.Collection)).ToList();
            var heldBy = $"legal hold {hold.HoldId}";
            if (held.Count == 0)
            {
                // Nothing stored yet: the hold still stands, and keeps anything that would be erased.
                blocked.Add(new BlockedRecord(hold.Collection ?? AnyRecord, AnyRecord, heldBy, hold.Reason, null));
            }

            blocked.AddRange(held.Select(r => new BlockedRecord(r.Collection, r.RecordId, heldBy, hold.Reason, null)));
        }
    }

    private static IEnumerable<BlockedRecord> Retained(SubjectRecord record, IReadOnlyList<RetentionRule> rules, DateTimeOffset now)
    {
        foreach (var rule in rules.Where(r => r.Collection == record.Collection))
        {
            var from = rule.DateField is not null && record.PlainTimestamps.TryGetValue(rule.DateField, out var date) ? date : record.CreatedAt;
            var until = rule.RetainedUntil(from);
            if (until > now)
            {
                yield return new BlockedRecord(record.Collection, record.RecordId, $"retention rule of {rule.Collection}", rule.Reason, until);
            }
        }
    }
}
