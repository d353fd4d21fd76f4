using System.Runtime.CompilerServices;
using ProcessorGateway.Core.Subjects;

namespace ProcessorGateway.Core.Audit;

/// <summary>
/// The access-history part of a subject export: every audited call that touched the subject, oldest first,
/// with who made it, for what purpose, what it did, which fields, and how it ended. Record and subject ids
/// are left out: one call may touch several people, and the export holds nothing of anyone else.
/// </summary>
public sealed class AccessHistoryExportSection(AuditReader reader) : ISubjectExportSection
{
    public string Name => SubjectExportSections.AccessHistory;

    public async IAsyncEnumerable<SectionLine> ReadAsync(string tenantId, string subjectId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in reader.SubjectAccessHistoryAsync(tenantId, subjectId, cancellationToken).ConfigureAwait(false))
        {
            var entry = item.Entry;
            yield return new SectionLine("access_event", json =>
            {
                json.WriteNumber("sequence", item.Sequence);
                json.WriteString("time", entry.Time);
                json.WriteString("actor", entry.Actor);
                json.WriteString("purpose", entry.Purpose);
                json.WriteString("purpose_category", entry.PurposeCategory);
                json.WriteString("action", entry.Action);
                json.WriteStartArray("fields");
                foreach (var field in entry.Fields)
                {
                    json.WriteStringValue(field);
                }

                json.WriteEndArray();
                json.WriteString("outcome", entry.Outcome.ToString().ToLowerInvariant());
                json.WriteString("status", entry.Status);
            });
        }
    }
}
