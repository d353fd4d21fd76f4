using System.Net;
using Microsoft.Extensions.Time.Testing;
using ProcessorGateway.Client.Tests.Support;

namespace ProcessorGateway.Client.Tests;

public sealed class ClientCredentialsTokenProviderTests : IAsyncLifetime
{
    // Shared: the provider never owns the HttpClient it is given.
    private static readonly HttpClient Http = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
    private FakeGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await FakeGateway.StartAsync();

    public Task DisposeAsync() => _gateway.DisposeAsync().AsTask();

    [Fact]
    public async Task GetToken_FirstCall_PostsClientCredentialsOnce()
    {
        using var provider = Provider(_gateway.Options("records.read", "records.write"));

        var token = await provider.GetTokenAsync().Bounded();

        Assert.StartsWith("token-1-", token.Value, StringComparison.Ordinal);
        Assert.Equal(1, _gateway.TokenRequests);
        Assert.Equal("client_credentials", _gateway.LastTokenForm["grant_type"]);
        Assert.Equal(FakeGateway.ClientId, _gateway.LastTokenForm["client_id"]);
        Assert.Equal(FakeGateway.ClientSecret, _gateway.LastTokenForm["client_secret"]);
        Assert.Equal("records.read records.write", _gateway.LastTokenForm["scope"]);
        Assert.Equal(_time.GetUtcNow().AddSeconds(300), token.ExpiresAt);
    }

    [Fact]
    public async Task GetToken_NoScopesConfigured_SendsNoScopeParameter()
    {
        using var provider = Provider(_gateway.Options());

        await provider.GetTokenAsync().Bounded();

        Assert.False(_gateway.LastTokenForm.ContainsKey("scope"));
    }

    [Fact]
    public async Task GetToken_WithinLifetime_ReusesCachedToken()
    {
        using var provider = Provider(_gateway.Options());
        var first = await provider.GetTokenAsync().Bounded();
        _time.Advance(TimeSpan.FromSeconds(100));

        var second = await provider.GetTokenAsync().Bounded();

        Assert.Same(first, second);
        Assert.Equal(1, _gateway.TokenRequests);
    }

    [Fact]
    public async Task GetToken_TwentyPercentOfLifetimeLeft_Refreshes()
    {
        // 300 s: 20% (60 s) is more than the 30 s leeway, so the refresh is due at 240 s.
        using var provider = Provider(_gateway.Options());
        var first = await provider.GetTokenAsync().Bounded();

        _time.Advance(TimeSpan.FromSeconds(239));
        Assert.Same(first, await provider.GetTokenAsync().Bounded());

        _time.Advance(TimeSpan.FromSeconds(1));
        var second = await provider.GetTokenAsync().Bounded();

        Assert.NotEqual(first.Value, second.Value);
        Assert.Equal(2, _gateway.TokenRequests);
        Assert.Equal(first.RefreshAt, _time.GetUtcNow());
    }

    [Fact]
    public async Task GetToken_ShortLifetime_RefreshesThirtySecondsAhead()
    {
        // 100 s: 20% is 20 s, less than the 30 s leeway, so the refresh is due at 70 s.
        _gateway.ExpiresIn = 100;
        using var provider = Provider(_gateway.Options());
        var first = await provider.GetTokenAsync().Bounded();

        _time.Advance(TimeSpan.FromSeconds(69));
        Assert.Same(first, await provider.GetTokenAsync().Bounded());
        _time.Advance(TimeSpan.FromSeconds(1));
        await provider.GetTokenAsync().Bounded();

        Assert.Equal(2, _gateway.TokenRequests);
    }

    [Fact]
    public async Task GetToken_LifetimeShorterThanLeeway_StillReusedForHalfItsLife()
    {
        _gateway.ExpiresIn = 20;
        using var provider = Provider(_gateway.Options());
        var first = await provider.GetTokenAsync().Bounded();

        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.Same(first, await provider.GetTokenAsync().Bounded());
        _time.Advance(TimeSpan.FromSeconds(1));
        await provider.GetTokenAsync().Bounded();

        Assert.Equal(2, _gateway.TokenRequests);
    }

    [Fact]
    public async Task GetToken_NoExpiresIn_AssumesOneMinute()
    {
        _gateway.ExpiresIn = null;
        using var provider = Provider(_gateway.Options());

        var token = await provider.GetTokenAsync().Bounded();

        Assert.Equal(_time.GetUtcNow().AddMinutes(1), token.ExpiresAt);
    }

    [Fact]
    public async Task GetToken_TwentyConcurrentCallers_ShareOneRequest()
    {
        using var provider = Provider(_gateway.Options());
        _gateway.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var callers = Enumerable.Range(0, 20).Select(_ => Task.Run(() => provider.GetTokenAsync().AsTask())).ToArray();
        await TestTimeouts.Until(() => _gateway.TokenRequests == 1, "the first token request arrives");
        await Task.Delay(100);
        _gateway.Hold.SetResult();
        var tokens = await Task.WhenAll(callers).Bounded();

        Assert.Equal(1, _gateway.TokenRequests);
        Assert.Single(tokens.Select(t => t.Value).Distinct());
    }

    [Fact]
    public async Task GetToken_ConcurrentCallersBehindAFailedRequest_ShareTheFailure()
    {
        using var provider = Provider(_gateway.Options());
        _gateway.Refusal = (HttpStatusCode.Unauthorized, """{"error":"invalid_client","error_description":"revoked"}""");
        _gateway.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Called from this thread, each caller is queued behind the first before the next starts: all of them are
        // certainly waiting when the refusal arrives.
        var callers = Enumerable.Range(0, 20).Select(_ => provider.GetTokenAsync().AsTask()).ToArray();
        await TestTimeouts.Until(() => _gateway.TokenRequests == 1, "the first token request arrives");
        _gateway.Hold.SetResult();

        foreach (var caller in callers)
        {
            var ex = await Assert.ThrowsAsync<GatewayAuthenticationException>(() => caller.Bounded());
            Assert.Equal("invalid_client", ex.Error);
        }

        Assert.Equal(1, _gateway.TokenRequests);
    }

    [Fact]
    public async Task GetToken_AfterAFailure_NextCallerAsksAgain()
    {
        using var provider = Provider(_gateway.Options());
        _gateway.Refusal = (HttpStatusCode.ServiceUnavailable, "<html>down</html>");
        await Assert.ThrowsAsync<GatewayAuthenticationException>(() => provider.GetTokenAsync().Bounded());
        _gateway.Refusal = null;

        var token = await provider.GetTokenAsync().Bounded();

        Assert.NotNull(token.Value);
        Assert.Equal(2, _gateway.TokenRequests);
    }

    [Fact]
    public async Task GetToken_InvalidClient_ThrowsWithOAuthErrorAndNoSecret()
    {
        var options = _gateway.Options();
        options.ClientSecret = "wrong-" + FakeGateway.ClientSecret;
        using var provider = Provider(options);

        var ex = await Assert.ThrowsAsync<GatewayAuthenticationException>(() => provider.GetTokenAsync().Bounded());

        Assert.Equal("invalid_client", ex.Error);
        Assert.Equal("unknown client", ex.ErrorDescription);
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Contains("invalid_client", ex.Message, StringComparison.Ordinal);
        Assert.Contains(FakeGateway.ClientId, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(options.ClientSecret, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetToken_ErrorDescriptionEchoesSecret_SecretIsRedacted()
    {
        using var provider = Provider(_gateway.Options());
        _gateway.Refusal = (HttpStatusCode.BadRequest, $$"""{"error":"invalid_request","error_description":"bad secret {{FakeGateway.ClientSecret}}"}""");

        var ex = await Assert.ThrowsAsync<GatewayAuthenticationException>(() => provider.GetTokenAsync().Bounded());

        Assert.Equal("invalid_request", ex.Error);
        Assert.DoesNotContain(FakeGateway.ClientSecret, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(FakeGateway.ClientSecret, ex.ErrorDescription, StringComparison.Ordinal);
        Assert.Contains("[redacted]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetToken_ErrorPageWithoutOAuthError_ThrowsWithStatus()
    {
        using var provider = Provider(_gateway.Options());
        _gateway.Refusal = (HttpStatusCode.BadGateway, "<html>bad gateway</html>");

        var ex = await Assert.ThrowsAsync<GatewayAuthenticationException>(() => provider.GetTokenAsync().Bounded());

        Assert.Null(ex.Error);
        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.Contains("502", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetToken_ReplyIsNotABearerToken_ThrowsInvalidResponse()
    {
        using var provider = Provider(_gateway.Options());
        _gateway.Refusal = (HttpStatusCode.OK, """{"access_token":"abc","token_type":"mac","expires_in":300}""");

        var ex = await Assert.ThrowsAsync<GatewayAuthenticationException>(() => provider.GetTokenAsync().Bounded());

        Assert.Equal("invalid_response", ex.Error);
        Assert.Contains("mac", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetToken_EndpointDown_ThrowsUnreachable()
    {
        var options = _gateway.Options();
        await _gateway.DisposeAsync();
        using var provider = Provider(options);

        var ex = await Assert.ThrowsAsync<GatewayAuthenticationException>(() => provider.GetTokenAsync().Bounded());

        Assert.Null(ex.StatusCode);
        Assert.IsType<HttpRequestException>(ex.InnerException);
        _gateway = await FakeGateway.StartAsync();
    }

    [Fact]
    public async Task GetToken_CallerCancelsWhileWaiting_OthersStillGetTheToken()
    {
        using var provider = Provider(_gateway.Options());
        _gateway.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = Task.Run(() => provider.GetTokenAsync().AsTask());
        await TestTimeouts.Until(() => _gateway.TokenRequests == 1, "the first token request arrives");
        using var cancel = new CancellationTokenSource();
        var waiting = provider.GetTokenAsync(cancel.Token).AsTask();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.Bounded());
        _gateway.Hold.SetResult();

        Assert.NotNull((await first.Bounded()).Value);
        Assert.Equal(1, _gateway.TokenRequests);
    }

    [Fact]
    public async Task Invalidate_RejectedToken_NextCallFetchesANewOne()
    {
        using var provider = Provider(_gateway.Options());
        var first = await provider.GetTokenAsync().Bounded();

        provider.Invalidate(first);
        var second = await provider.GetTokenAsync().Bounded();

        Assert.NotEqual(first.Value, second.Value);
        Assert.Equal(2, _gateway.TokenRequests);
    }

    [Fact]
    public async Task Invalidate_TokenAlreadyReplaced_KeepsTheNewerOne()
    {
        using var provider = Provider(_gateway.Options());
        var first = await provider.GetTokenAsync().Bounded();
        provider.Invalidate(first);
        var second = await provider.GetTokenAsync().Bounded();

        provider.Invalidate(first);

        Assert.Same(second, await provider.GetTokenAsync().Bounded());
    }

    [Fact]
    public async Task Logging_SuccessAndFailure_NeverShowSecretOrToken()
    {
        var logger = new ListLogger<ClientCredentialsTokenProvider>();
        using var provider = new ClientCredentialsTokenProvider(Http, _gateway.Options(), _time, logger);
        var token = await provider.GetTokenAsync().Bounded();
        _gateway.Refusal = (HttpStatusCode.Unauthorized, """{"error":"invalid_client"}""");
        provider.Invalidate(token);
        await Assert.ThrowsAsync<GatewayAuthenticationException>(() => provider.GetTokenAsync().Bounded());

        Assert.NotEmpty(logger.Lines);
        Assert.Contains(logger.Lines, l => l.Contains("invalid_client", StringComparison.Ordinal));
        Assert.All(logger.Lines, l =>
        {
            Assert.DoesNotContain(FakeGateway.ClientSecret, l, StringComparison.Ordinal);
            Assert.DoesNotContain(token.Value, l, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task AccessToken_ToString_HidesTheToken()
    {
        using var provider = Provider(_gateway.Options());

        var token = await provider.GetTokenAsync().Bounded();

        Assert.DoesNotContain(token.Value, token.ToString(), StringComparison.Ordinal);
    }

    private ClientCredentialsTokenProvider Provider(GatewayClientOptions options) => new(Http, options, _time);
}
