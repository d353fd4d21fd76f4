using System.Runtime.CompilerServices;

namespace ProcessorGateway.Core.Subjects;

/// <summary>
/// The disclosures part of a subject export: every release of the subject's data outside the platform, oldest
/// first, with the recipient, its kind, the legal basis and what was released. Other subjects named by the
/// same disclosure are left out: the export holds nothing of anyone else.
/// </summary>
public sealed class DisclosuresExportSection(IDisclosureStore disclosures) : ISubjectExportSection
{
    public string Name => SubjectExportSections.Disclosures;

    public async IAsyncEnumerable<SectionLine> ReadAsync(string tenantId, string subjectId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var disclosure in disclosures.StreamSubjectAsync(tenantId, subjectId, cancellationToken).ConfigureAwait(false))
        {
            yield return new SectionLine("disclosure", json =>
            {
                json.WriteString("disclosure_id", disclosure.DisclosureId);
                json.WriteString("recipient", disclosure.Recipient);
                json.WriteString("recipient_kind", DisclosureNames.Of(disclosure.RecipientKind));
                json.WriteString("legal_basis", DisclosureNames.Of(disclosure.LegalBasis));
                if (disclosure.ConsentId is not null)
                {
                    json.WriteString("consent_id", disclosure.ConsentId);
                }

                if (disclosure.Reference is not null)
                {
                    json.WriteString("reference", disclosure.Reference);
                }

                json.WriteString("purpose", disclosure.Purpose);
                json.WriteStartArray("fields");
                foreach (var field in disclosure.Fields)
                {
                    json.WriteStringValue(field);
                }

                json.WriteEndArray();
                json.WriteStartArray("collections");
                foreach (var collection in disclosure.Collections)
                {
                    json.WriteStringValue(collection);
                }

                json.WriteEndArray();
                json.WriteString("disclosed_at", disclosure.DisclosedAt);
            });
        }
    }
}
