using ProcessorGateway.Core.Keys;

namespace ProcessorGateway.Core.Subjects;

/// <summary>
/// A consent as storage sees it: purposes and dates in the clear (reads are decided on them), the
/// grantor only as ciphertext under the subject's key, so erasing the subject makes it unreadable.
/// </summary>
public sealed record StoredConsent(
    string TenantId,
    string SubjectId,
    string ConsentId,
    IReadOnlyList<string> Purposes,
    DateTimeOffset GrantedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? WithdrawnAt,
    KeyReference? SubjectKey,
    byte[]? GrantorName,
    byte[]? GrantorRelationship)
{
    /// <summary>Not withdrawn and not expired at <paramref name="now"/>.</summary>
    public bool IsLiveAt(DateTimeOffset now) => WithdrawnAt is null && (ExpiresAt is null || ExpiresAt > now);

    public bool Covers(string purpose, DateTimeOffset now) => IsLiveAt(now) && Purposes.Contains(purpose, StringComparer.Ordinal);
}
