namespace ProcessorGateway.Core.Subjects;

/// <summary>
/// A part of a subject export that another area owns: <see cref="SubjectExportSections.LegalHolds"/>
/// (erasure), <see cref="SubjectExportSections.AccessHistory"/> (audit) and <see cref="SubjectExportSections.Disclosures"/>. Register an implementation
/// with the section's name and the export writes its lines after a
/// <c>{"type":"section","section":NAME,"available":true}</c> line; without one the export says
/// <c>"available":false</c> and writes nothing else for it.
/// </summary>
public interface ISubjectExportSection
{
    /// <summary>One of <see cref="SubjectExportSections.All"/>.</summary>
    string Name { get; }

    /// <summary>
    /// The section's lines, one at a time: the export writes each as it comes and sends a chunk whenever
    /// one is full, so a long section (years of access history) stays within one chunk of memory.
    /// </summary>
    IAsyncEnumerable<SectionLine> ReadAsync(string tenantId, string subjectId, CancellationToken cancellationToken);
}
