using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Auth;

/// <summary>The token endpoint's answer: the HTTP status and the JSON body (a token, or an OAuth error), and a refusal's Retry-After.</summary>
internal sealed record TokenReply(HttpStatusCode Status, JsonElement Body, string? WwwAuthenticate, string? RetryAfter = null)
{
    public string? Error => Body.TryGetProperty("error", out var e) ? e.GetString() : null;

    public string AccessToken => Body.TryGetProperty("access_token", out var t)
        ? t.GetString()!
        : throw new InvalidOperationException($"no access token in {(int)Status}: {Body}");

    public override string ToString() => $"{(int)Status} {Body}";
}

/// <summary>Raw OAuth requests to the token endpoint, as a client in any language would send them.</summary>
internal static class TokenEndpoint
{
    /// <summary>client_secret_post: the id and secret in the form.</summary>
    public static Task<TokenReply> PostAsync(GatewayFixture gateway, string clientId, string secret, string? scope = null, string grantType = "client_credentials")
    {
        var form = new Dictionary<string, string> { ["grant_type"] = grantType, ["client_id"] = clientId, ["client_secret"] = secret };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return SendAsync(gateway, form, authorization: null);
    }

    /// <summary>client_secret_basic (RFC 6749 §2.3.1): id and secret form-encoded, joined by ':', base64 in the Authorization header.</summary>
    public static Task<TokenReply> PostBasicAsync(GatewayFixture gateway, string clientId, string secret)
    {
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{WebUtility.UrlEncode(clientId)}:{WebUtility.UrlEncode(secret)}"));
        return SendAsync(gateway, new Dictionary<string, string> { ["grant_type"] = "client_credentials" }, new AuthenticationHeaderValue("Basic", credentials));
    }

    /// <summary>Any form, e.g. private_key_jwt's client_assertion_type and client_assertion (<see cref="ClientKey.Form"/>).</summary>
    public static Task<TokenReply> PostFormAsync(GatewayFixture gateway, Dictionary<string, string> form) => SendAsync(gateway, form, authorization: null);

    private static async Task<TokenReply> SendAsync(GatewayFixture gateway, Dictionary<string, string> form, AuthenticationHeaderValue? authorization)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, gateway.TokenEndpoint) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = authorization;
        using var response = await http.SendAsync(request).WaitAsync(RpcAssert.Timeout);
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        return new TokenReply(response.StatusCode, json.RootElement.Clone(), response.Headers.WwwAuthenticate.FirstOrDefault()?.ToString(),
            response.Headers.TryGetValues("Retry-After", out var retryAfter) ? retryAfter.Single() : null);
    }
}
