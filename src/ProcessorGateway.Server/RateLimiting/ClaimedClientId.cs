using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ProcessorGateway.Core.Validation;
using ProcessorGateway.Server.Auth;

namespace ProcessorGateway.Server.RateLimiting;

/// <summary>
/// The client id a token request claims, in its form (<c>client_secret_post</c>) or its Basic credentials
/// (<c>client_secret_basic</c>), read before anything is looked up, so that limits apply to known and unknown ids alike.
/// The form is read once here; OpenIddict reads the same buffered form after.
/// </summary>
internal static class ClaimedClientId
{
    private static readonly object ItemKey = new();

    /// <summary>
    /// The folder of <see cref="GatewayAuthExtensions.TokenEndpointPath"/>, the one OpenIddict endpoint: every path
    /// under it counts, in any case and with any suffix, so no spelling of the token endpoint escapes the limits.
    /// </summary>
    private static readonly PathString TokenPaths = new("/connect");

    public static bool IsTokenRequest(HttpContext http) =>
        http.Request.Path.StartsWithSegments(TokenPaths, StringComparison.OrdinalIgnoreCase);

    /// <summary>The claimed id, if it could name a client at all (longer ids are refused before any secret check).</summary>
    public static string? Of(HttpContext http) =>
        http.Items.TryGetValue(ItemKey, out var value) ? value as string : null;

    public static IApplicationBuilder UseClaimedClientId(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (IsTokenRequest(http))
            {
                http.Items[ItemKey] = await ReadAsync(http.Request).ConfigureAwait(false) is { Length: > 0 and <= Limits.RecordIdMaxLength } id ? id : null;
            }

            await next(http).ConfigureAwait(false);
        });

    private static async Task<string?> ReadAsync(HttpRequest request)
    {
        if (FromBasic(request.Headers.Authorization.ToString()) is { } basic)
        {
            return basic;
        }

        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType)
        {
            return null;
        }

        try
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
            return form["client_id"].ToString();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            // A malformed form: OpenIddict refuses it; the limits see a request claiming no id.
            return null;
        }
    }

    /// <summary>RFC 6749 §2.3.1: the id is form-encoded, then joined to the secret by ':' and base64-encoded.</summary>
    private static string? FromBasic(string header)
    {
        if (!AuthenticationHeaderValue.TryParse(header, out var value) || !string.Equals(value.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || value.Parameter is null)
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value.Parameter));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 ? WebUtility.UrlDecode(decoded[..colon]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
