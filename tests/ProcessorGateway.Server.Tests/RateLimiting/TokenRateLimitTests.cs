using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProcessorGateway.Server.RateLimiting;
using ProcessorGateway.Server.Tests.Auth;

namespace ProcessorGateway.Server.Tests.RateLimiting;

/// <summary>The token endpoint's limits per claimed client id and on concurrent secret checks, through a real gateway.</summary>
public sealed class TokenRateLimitTests(TightTokenLimitGateway gateway) : IClassFixture<TightTokenLimitGateway>
{
    [Fact]
    public async Task A_client_ids_burst_gets_the_same_429_whether_the_id_exists_or_not()
    {
        var known = (await LimitedClient.RegisterAsync(gateway)).ClientId;
        var unknown = $"nobody-{Guid.NewGuid():N}";

        var knownReplies = await SequenceAsync(known, 4);
        var unknownReplies = await SequenceAsync(unknown, 4);

        foreach (var replies in new[] { knownReplies, unknownReplies })
        {
            Assert.All(replies[..3], r => Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), (r.Status, r.Error)));
            AssertLimited(replies[3]);
        }

        // Nothing in a refusal depends on whether the id names a client: the body is byte for byte the same.
        Assert.Equal(knownReplies[3].Body.GetRawText(), unknownReplies[3].Body.GetRawText());

        // The id claimed in Basic credentials is the same id, with the same bucket.
        AssertLimited(await TokenEndpoint.PostBasicAsync(gateway, known, "wrong-secret"));
    }

    [Fact]
    public async Task A_flood_beyond_the_secret_check_queue_is_refused_at_once_and_the_rest_are_answered()
    {
        // One secret check at a time, two waiting: of 24 requests at once (each for an id of its own, so no per-client
        // limit applies), at least three are checked and the others are refused without one.
        var replies = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => TokenEndpoint.PostAsync(gateway, $"flood-{Guid.NewGuid():N}", "wrong-secret")));

        var limited = replies.Where(r => r.Status == HttpStatusCode.TooManyRequests).ToList();
        var checkedReplies = replies.Where(r => r.Status != HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.All(limited, r =>
        {
            AssertLimited(r);
            Assert.Equal("1", r.RetryAfter);
        });
        Assert.True(checkedReplies.Count >= 3, $"only {checkedReplies.Count} of 24 requests were checked");
        Assert.All(checkedReplies, r => Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), (r.Status, r.Error)));
    }

    [Fact]
    public void The_fixture_runs_with_the_limits_it_sets()
    {
        var options = gateway.Services.GetRequiredService<IOptions<RateLimitOptions>>().Value;

        Assert.Equal((3, 1, 2), (options.TokenPerClient.TokenLimit, options.Pbkdf2Concurrency, options.Pbkdf2QueueLimit));
    }

    internal static void AssertLimited(TokenReply reply)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, reply.Status);
        Assert.Equal(TokenEndpointLimiter.Error, reply.Error);
        Assert.Equal(TokenEndpointLimiter.Description, reply.Body.GetProperty("error_description").GetString());
        Assert.NotNull(reply.RetryAfter);
        Assert.InRange(int.Parse(reply.RetryAfter, CultureInfo.InvariantCulture), 1, 3600);
    }

    private async Task<TokenReply[]> SequenceAsync(string clientId, int count)
    {
        var replies = new TokenReply[count];
        for (var i = 0; i < count; i++)
        {
            replies[i] = await TokenEndpoint.PostAsync(gateway, clientId, "wrong-secret");
        }

        return replies;
    }
}
