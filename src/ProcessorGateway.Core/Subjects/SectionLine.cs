using System.Text.Json;

namespace ProcessorGateway.Core.Subjects;

/// <summary>One NDJSON line of an export section: its <c>type</c>, and what writes its other properties.</summary>
/// <param name="Type">The line's type, e.g. <c>legal_hold</c> or <c>access_event</c>.</param>
/// <param name="WriteProperties">Writes the properties after <c>type</c> into the open object; never a personal value the subject export should not hold.</param>
public sealed record SectionLine(string Type, Action<Utf8JsonWriter> WriteProperties);
