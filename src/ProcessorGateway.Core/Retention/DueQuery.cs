using ProcessorGateway.Core.Schemas;

namespace ProcessorGateway.Core.Retention;

/// <summary>
/// Records of one collection whose retention has run out: not kept by an erasure, counted from
/// <see cref="Start"/> (and <see cref="DateField"/>) at or before <see cref="Cutoff"/>, and, for a field's
/// retention, holding a value of <see cref="Field"/>. Pages run in start order after <see cref="After"/>.
/// </summary>
/// <param name="Field">The field whose value is due, stored in the clear when <paramref name="FieldIsPlain"/>; <c>null</c> for the collection's own retention.</param>
public sealed record DueQuery(
    string Collection, RetentionStart Start, string? DateField, DateTimeOffset Cutoff, string? Field, bool FieldIsPlain, DuePosition? After, int Limit);
