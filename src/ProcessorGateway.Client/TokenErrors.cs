using System.Globalization;
using System.Net;

namespace ProcessorGateway.Client;

/// <summary>
/// Every token failure is made here, so messages stay consistent and none can carry the secret: whatever the server
/// echoes back is scrubbed of it before it reaches a message or a property.
/// </summary>
internal static class TokenErrors
{
    private const string Redacted = "[redacted]";

    public static GatewayAuthenticationException Refused(string clientId, string clientSecret, HttpStatusCode status, string error, string? description)
    {
        error = Scrub(error, clientSecret);
        description = description is null ? null : Scrub(description, clientSecret);
        var detail = string.IsNullOrEmpty(description) ? string.Empty : $" ({description})";
        var message = string.Create(CultureInfo.InvariantCulture, $"The token endpoint refused client '{clientId}': {error}{detail} (HTTP {(int)status}).");
        return new GatewayAuthenticationException(message, error, description, status);
    }

    public static GatewayAuthenticationException NotOAuthError(Uri endpoint, HttpStatusCode status) =>
        new(string.Create(CultureInfo.InvariantCulture, $"The token endpoint {endpoint} answered HTTP {(int)status} without an OAuth error reply; is it the right URL?"), null, null, status);

    public static GatewayAuthenticationException Malformed(Uri endpoint, HttpStatusCode status, string what) =>
        new($"The token endpoint {endpoint} answered without a usable token: {what}.", "invalid_response", null, status);

    public static GatewayAuthenticationException Unreachable(Uri endpoint, Exception inner) =>
        new($"The token endpoint {endpoint} could not be reached: {inner.Message}", null, null, null, inner);

    public static GatewayAuthenticationException TimedOut(Uri endpoint, TimeSpan timeout, Exception inner) =>
        new(string.Create(CultureInfo.InvariantCulture, $"The token endpoint {endpoint} did not answer within {timeout.TotalSeconds:0} s."), null, null, null, inner);

    /// <summary>Each caller that shared a failed refresh gets its own exception object, with the first as its cause.</summary>
    public static GatewayAuthenticationException Shared(GatewayAuthenticationException failure) =>
        new(failure.Message, failure.Error, failure.ErrorDescription, failure.StatusCode, failure);

    private static string Scrub(string text, string secret) =>
        secret.Length == 0 ? text : text.Replace(secret, Redacted, StringComparison.Ordinal);
}
