using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Records;

public sealed record QueryCommand(
    string? TenantId,
    string? Collection,
    string? SubjectId,
    IReadOnlyList<KeyValuePair<string?, FieldValue?>> Filters,
    int PageSize,
    string? PageToken,
    string? Purpose)
{
    /// <summary>Optional name search (docs/search.md).</summary>
    public NamePrefixQuery? NamePrefix { get; init; }
}
