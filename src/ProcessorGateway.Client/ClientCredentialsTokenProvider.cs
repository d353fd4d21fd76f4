using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ProcessorGateway.Client;

/// <summary>
/// Acquires access tokens with the client-credentials grant (authenticated by the client's secret, or by a client
/// assertion signed with its private key), caches the current one, and refreshes it before it expires. Concurrent callers that find the token due share one request, and share its failure too.
/// </summary>
public sealed class ClientCredentialsTokenProvider : IAccessTokenProvider, IDisposable
{
    // Refresh once less than this share of the lifetime remains (or RefreshLeeway, whichever is more)...
    private const double RefreshShare = 0.2;

    // ...but never before half the lifetime has passed, so a token shorter than the leeway is still reused rather
    // than fetched again on every call.
    private const double LatestRefreshShare = 0.5;

    private readonly TokenEndpointClient _endpoint;
    private readonly ClientAssertionSigner? _signer;
    private readonly TimeProvider _time;
    private readonly TimeSpan _leeway;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AccessToken? _current;
    private long _completedRequests;
    private GatewayAuthenticationException? _lastFailure;
    private long _lastFailureRequest;

    /// <param name="httpClient">Sends the token requests; the caller owns it.</param>
    /// <param name="options">Read once here; later changes to the object have no effect.</param>
    public ClientCredentialsTokenProvider(HttpClient httpClient, GatewayClientOptions options, TimeProvider? timeProvider = null, ILogger<ClientCredentialsTokenProvider>? logger = null)
        : this(() => httpClient, options, timeProvider ?? TimeProvider.System, logger ?? (ILogger)NullLogger.Instance)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
    }

    /// <summary>With a client factory, each refresh takes a fresh HttpClient, so DNS and handler rotation apply.</summary>
    internal ClientCredentialsTokenProvider(Func<HttpClient> httpClient, GatewayClientOptions options, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (options.TokenEndpoint is null)
        {
            throw new ArgumentException($"{nameof(GatewayClientOptions.TokenEndpoint)} is required.", nameof(options));
        }

        _signer = string.IsNullOrEmpty(options.PrivateKeyPath) ? null : ClientAssertionSigner.Load(options.PrivateKeyPath, timeProvider);
        _endpoint = new TokenEndpointClient(httpClient, options.TokenEndpoint, options.ClientId, options.ClientSecret, options.Scopes.ToArray(), _signer);
        _time = timeProvider;
        _leeway = options.RefreshLeeway;
        _logger = logger;
    }

    public async ValueTask<AccessToken> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        var cached = Volatile.Read(ref _current);
        return IsFresh(cached) ? cached : await RefreshAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Invalidate(AccessToken rejected)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        if (ReferenceEquals(Interlocked.CompareExchange(ref _current, null, rejected), rejected))
        {
            ClientLog.TokenInvalidated(_logger, _endpoint.ClientId);
        }
    }

    public void Dispose()
    {
        _gate.Dispose();
        _signer?.Dispose();
    }

    private async Task<AccessToken> RefreshAsync(CancellationToken cancellationToken)
    {
        var completedBeforeWaiting = Interlocked.Read(ref _completedRequests);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Whoever held the gate may have refreshed already...
            var cached = _current;
            if (IsFresh(cached))
            {
                return cached;
            }

            // ...or failed: callers that queued behind a failed request get its failure instead of asking again.
            if (_lastFailure is { } failure && _lastFailureRequest > completedBeforeWaiting)
            {
                throw TokenErrors.Shared(failure);
            }

            return await RequestAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<AccessToken> RequestAsync(CancellationToken cancellationToken)
    {
        ClientLog.TokenRequested(_logger, _endpoint.ClientId, _endpoint.Endpoint);

        // Measured from before the request: the server's clock started the lifetime no later than this.
        var requestedAt = _time.GetUtcNow();
        try
        {
            var grant = await _endpoint.RequestAsync(cancellationToken).ConfigureAwait(false);
            var token = Place(grant, requestedAt);
            _lastFailure = null;
            Volatile.Write(ref _current, token);
            Interlocked.Increment(ref _completedRequests);
            ClientLog.TokenAcquired(_logger, _endpoint.ClientId, token.ExpiresAt, token.RefreshAt);
            return token;
        }
        catch (GatewayAuthenticationException ex)
        {
            _lastFailure = ex;
            _lastFailureRequest = Interlocked.Increment(ref _completedRequests);
            ClientLog.TokenRequestFailed(_logger, _endpoint.ClientId, ex.Error, (int?)ex.StatusCode);
            throw;
        }
    }

    private AccessToken Place(TokenGrant grant, DateTimeOffset requestedAt)
    {
        var ahead = TimeSpan.FromTicks(Math.Max(_leeway.Ticks, (long)(grant.Lifetime.Ticks * RefreshShare)));
        var latestRefresh = TimeSpan.FromTicks((long)(grant.Lifetime.Ticks * LatestRefreshShare));
        var refreshAfter = grant.Lifetime - ahead;
        if (refreshAfter < latestRefresh)
        {
            refreshAfter = latestRefresh;
        }

        return new AccessToken(grant.AccessToken, requestedAt + grant.Lifetime, requestedAt + refreshAfter);
    }

    private bool IsFresh([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] AccessToken? token) =>
        token is not null && _time.GetUtcNow() < token.RefreshAt;
}
