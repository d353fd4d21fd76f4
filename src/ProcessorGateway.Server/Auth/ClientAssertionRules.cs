using System.Globalization;
using System.Security.Claims;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ProcessorGateway.Server.Auth;

/// <summary>
/// The checks on a client assertion (RFC 7523 §3) that OpenIddict leaves to us, once its signature is verified:
/// a short life, a <c>jti</c>, and an audience that names this gateway exactly. Pure, so each rule is tested alone.
/// </summary>
internal static class ClientAssertionRules
{
    /// <summary>An assertion is made for one request: one valid longer is a credential worth stealing.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Tolerated difference between the client's clock and ours.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private const int MaxJwtIdLength = 256;

    /// <param name="assertion">The claims of an assertion whose signature has been verified.</param>
    /// <param name="audiences">What <c>aud</c> may name: the issuer and the token endpoint URL.</param>
    public static ClientAssertionVerdict Check(ClaimsPrincipal assertion, IReadOnlyCollection<Uri> audiences, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        ArgumentNullException.ThrowIfNull(audiences);
        if (Time(assertion, Claims.ExpiresAt) is not { } expires)
        {
            return ClientAssertionVerdict.Refuse("no exp");
        }

        if (expires <= now - ClockSkew)
        {
            return ClientAssertionVerdict.Refuse("expired");
        }

        var issued = Time(assertion, Claims.IssuedAt);
        if (expires > now + MaxLifetime + ClockSkew || (issued is { } iat && expires - iat > MaxLifetime))
        {
            return ClientAssertionVerdict.Refuse($"valid for longer than {MaxLifetime.TotalMinutes} minutes");
        }

        if (issued > now + ClockSkew || Time(assertion, Claims.NotBefore) > now + ClockSkew)
        {
            return ClientAssertionVerdict.Refuse("iat or nbf in the future");
        }

        var jti = assertion.FindFirst(Claims.JwtId)?.Value;
        if (string.IsNullOrEmpty(jti) || jti.Length > MaxJwtIdLength)
        {
            return ClientAssertionVerdict.Refuse($"no jti (or one longer than {MaxJwtIdLength} characters)");
        }

        if (!assertion.FindAll(Claims.Audience).Any(aud => Names(aud.Value, audiences)))
        {
            return ClientAssertionVerdict.Refuse("aud names neither this gateway's issuer nor its token endpoint");
        }

        return new ClientAssertionVerdict(null, jti, expires);
    }

    private static DateTimeOffset? Time(ClaimsPrincipal assertion, string claim) =>
        assertion.FindFirst(claim)?.Value is { } value && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && seconds is > 0 and < 253_402_300_800 // before year 10000, which DateTimeOffset cannot hold
            ? DateTimeOffset.FromUnixTimeSeconds((long)seconds)
            : null;

    // Exact match, but for a trailing slash and the case of scheme and host (which Uri lower-cases): OpenIddict's own
    // audience check compares only the path, so any host's "/connect/token" would pass it.
    private static bool Names(string audience, IReadOnlyCollection<Uri> audiences) =>
        Uri.TryCreate(audience, UriKind.Absolute, out var uri)
        && audiences.Any(expected => string.Equals(Canonical(uri), Canonical(expected), StringComparison.Ordinal));

    private static string Canonical(Uri uri) => uri.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped).TrimEnd('/');
}
