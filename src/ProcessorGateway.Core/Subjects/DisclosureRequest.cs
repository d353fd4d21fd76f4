namespace ProcessorGateway.Core.Subjects;

/// <summary>A disclosure as a caller asks to record it, unchecked.</summary>
/// <param name="DisclosedAt">When the data was released; <c>null</c>: now.</param>
public sealed record DisclosureRequest(
    string? Recipient,
    RecipientKind? RecipientKind,
    LegalBasis? LegalBasis,
    string? ConsentId,
    string? Reference,
    string? Purpose,
    IReadOnlyList<string> SubjectIds,
    IReadOnlyList<string> Collections,
    IReadOnlyList<string> Fields,
    DateTimeOffset? DisclosedAt);
