namespace ProcessorGateway.Core.Subjects;

/// <summary>A consent as a caller sees it, the grantor decrypted.</summary>
public sealed record Consent(
    string TenantId,
    string SubjectId,
    string ConsentId,
    IReadOnlyList<string> Purposes,
    ConsentGrantor? GrantedBy,
    DateTimeOffset GrantedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? WithdrawnAt,
    bool Live);
