namespace ProcessorGateway.Core.Erasure;

/// <summary>
/// A legal retention period for one collection of a tenant: records are kept <see cref="Years"/> years from
/// the plain timestamp field <see cref="DateField"/>, or from their creation when none is named.
/// </summary>
public sealed record RetentionRule(string TenantId, string Collection, int Years, string? DateField, string Reason)
{
    public const int MaxYears = 100;

    public DateTimeOffset RetainedUntil(DateTimeOffset from) => from.AddYears(Years);
}
