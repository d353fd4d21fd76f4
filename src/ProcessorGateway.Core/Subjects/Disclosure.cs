namespace ProcessorGateway.Core.Subjects;

/// <summary>
/// A release of data to a recipient outside the platform. Every value is about organisations and ids, never
/// a personal value: the recipient is an organisation, the reference a case number, the fields names.
/// </summary>
/// <param name="Fields">Qualified field names, <c>collection.field</c>.</param>
/// <param name="RecordedBy">The client that recorded it.</param>
public sealed record Disclosure(
    string TenantId,
    string DisclosureId,
    string Recipient,
    RecipientKind RecipientKind,
    LegalBasis LegalBasis,
    string? ConsentId,
    string? Reference,
    string Purpose,
    IReadOnlyList<string> SubjectIds,
    IReadOnlyList<string> Collections,
    IReadOnlyList<string> Fields,
    DateTimeOffset DisclosedAt,
    DateTimeOffset RecordedAt,
    string RecordedBy);
