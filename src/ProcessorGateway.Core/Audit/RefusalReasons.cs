using System.Collections.Frozen;

namespace ProcessorGateway.Core.Audit;

/// <summary>
/// Why an unauthenticated call or token request was refused, as its audit event records it: a short, fixed list,
/// so that what a caller sends never becomes a string in the log, nor a key of <see cref="RefusalTally"/>.
/// </summary>
public static class RefusalReasons
{
    /// <summary>A call without a bearer token.</summary>
    public const string MissingToken = "missing_token";

    /// <summary>A token that does not validate: garbage, altered, not signed by this gateway, its client revoked.</summary>
    public const string InvalidToken = "invalid_token";

    /// <summary>A token of this gateway past its expiry.</summary>
    public const string ExpiredToken = "expired_token";

    /// <summary>A token request refused for a rate limit or lockout.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>A token request refused with an OAuth error this list does not name.</summary>
    public const string Other = "other";

    /// <summary>The OAuth errors of a refused token request (RFC 6749 §5.2), recorded as they are.</summary>
    private static readonly FrozenSet<string> TokenErrors = FrozenSet.Create(StringComparer.Ordinal,
        "invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type", "invalid_scope", "access_denied");

    /// <summary>The reason for a refused token request's OAuth error: the error itself when the standard names it, else <see cref="Other"/>.</summary>
    public static string OfTokenError(string? error) => error is not null && TokenErrors.Contains(error) ? error : Other;
}
