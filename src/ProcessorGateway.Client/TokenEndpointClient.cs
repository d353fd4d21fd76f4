using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ProcessorGateway.Client;

/// <summary>One client-credentials request (RFC 6749 §4.4): a form POST, and the reply turned into a grant or an error.</summary>
internal sealed class TokenEndpointClient
{
    /// <summary>How long one token request may take; a hung token endpoint must not hang every gRPC call behind it.</summary>
    internal static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    // RFC 6749 §5.1 makes expires_in optional; without it the lifetime is unknown, so assume a short one and ask again soon.
    private static readonly TimeSpan LifetimeWhenUnstated = TimeSpan.FromMinutes(1);

    // A longer stated lifetime is held to this, so a client revisits the endpoint (and sees a revocation) at least daily.
    private static readonly TimeSpan LongestLifetime = TimeSpan.FromDays(1);

    private readonly Func<HttpClient> _httpClient;
    private readonly Uri _endpoint;
    private readonly string _clientId;
    private readonly string _clientSecret;
    private readonly ClientAssertionSigner? _signer;
    private readonly string? _scope;

    /// <param name="signer">When given, each request carries a client assertion it signs, and no secret.</param>
    public TokenEndpointClient(Func<HttpClient> httpClient, Uri endpoint, string clientId, string clientSecret, IEnumerable<string> scopes, ClientAssertionSigner? signer = null)
    {
        _httpClient = httpClient;
        _endpoint = endpoint;
        _clientId = clientId;
        _clientSecret = clientSecret;
        _signer = signer;
        var scope = string.Join(' ', scopes);
        _scope = scope.Length == 0 ? null : scope;
    }

    public Uri Endpoint => _endpoint;

    public string ClientId => _clientId;

    public async Task<TokenGrant> RequestAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new FormUrlEncodedContent(Form()) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        HttpResponseMessage response;
        try
        {
            response = await _httpClient().SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw TokenErrors.Unreachable(_endpoint, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw TokenErrors.TimedOut(_endpoint, Timeout, ex);
        }

        using (response)
        {
            var reply = await ReadReplyAsync(response, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? ToGrant(response.StatusCode, reply) : throw ToError(response.StatusCode, reply);
        }
    }

    private List<KeyValuePair<string, string>> Form()
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "client_credentials"),
            new("client_id", _clientId),
        };
        if (_signer is null)
        {
            form.Add(new("client_secret", _clientSecret));
        }
        else
        {
            form.Add(new("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"));
            form.Add(new("client_assertion", _signer.Create(_clientId, _endpoint)));
        }

        if (_scope is not null)
        {
            form.Add(new("scope", _scope));
        }

        return form;
    }

    private static async Task<TokenEndpointReply?> ReadReplyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync(stream, ClientJsonContext.Default.TokenEndpointReply, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (JsonException)
        {
            // An HTML error page from a proxy, or the wrong URL: reported by status below, not as a parse error.
            return null;
        }
    }

    private TokenGrant ToGrant(HttpStatusCode status, TokenEndpointReply? reply)
    {
        if (string.IsNullOrEmpty(reply?.AccessToken))
        {
            throw TokenErrors.Malformed(_endpoint, status, "the reply has no access_token");
        }

        // Token types are case-insensitive (RFC 6749 §5.1); only bearer tokens can go into an authorization header as is.
        if (!string.Equals(reply.TokenType, "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            throw TokenErrors.Malformed(_endpoint, status, $"token_type '{reply.TokenType}' is not Bearer");
        }

        if (reply.ExpiresIn is <= 0)
        {
            throw TokenErrors.Malformed(_endpoint, status, "expires_in is not a positive number of seconds");
        }

        var lifetime = reply.ExpiresIn is { } seconds
            ? TimeSpan.FromSeconds(Math.Min(seconds, (long)LongestLifetime.TotalSeconds))
            : LifetimeWhenUnstated;
        return new TokenGrant(reply.AccessToken, lifetime);
    }

    private GatewayAuthenticationException ToError(HttpStatusCode status, TokenEndpointReply? reply) =>
        string.IsNullOrEmpty(reply?.Error)
            ? TokenErrors.NotOAuthError(_endpoint, status)
            : TokenErrors.Refused(_clientId, _clientSecret, status, reply.Error, reply.ErrorDescription);
}
