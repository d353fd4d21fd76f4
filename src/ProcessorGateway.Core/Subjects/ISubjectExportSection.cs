using System.Text.Json;

namespace ProcessorGateway.Core.Subjects;

/// <summary>
/// A part of a subject export that another area owns: <see cref="SubjectExportSections.LegalHolds"/>
/// (erasure) and <see cref="SubjectExportSections.AccessHistory"/> (audit). Register an implementation
/// with the section's name and the export writes its lines after a
/// <c>{"type":"section","section":NAME,"available":true}</c> line; without one the export says
/// <c>"available":false</c> and writes nothing else for it.
/// </summary>
public interface ISubjectExportSection
{
    /// <summary>One of <see cref="SubjectExportSections.All"/>.</summary>
    string Name { get; }

    /// <summary>Writes the section's lines: call <paramref name="line"/> with the line's type, write its other properties, return.</summary>
    Task WriteAsync(string tenantId, string subjectId, Func<string, Utf8JsonWriter> line, CancellationToken cancellationToken);
}
