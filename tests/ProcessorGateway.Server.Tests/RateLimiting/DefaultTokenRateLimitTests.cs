using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Audit;
using ProcessorGateway.Server.RateLimiting;
using ProcessorGateway.Server.Tests.Auth;

namespace ProcessorGateway.Server.Tests.RateLimiting;

/// <summary>The token endpoint with every limit at its default, as a deployment that sets none.</summary>
public sealed class DefaultTokenRateLimitTests(DefaultRateLimitGateway gateway) : IClassFixture<DefaultRateLimitGateway>
{
    [Fact]
    public async Task A_burst_from_one_address_gets_429_with_retry_after_after_the_default_allowance()
    {
        var options = gateway.Services.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var defaults = new RateLimitOptions();
        Assert.Equal(
            (defaults.TokenPerAddress.TokenLimit, defaults.TokenPerClient.TokenLimit, defaults.Lockout.Threshold, defaults.Pbkdf2QueueLimit, defaults.GrpcPerClient.TokenLimit),
            (options.TokenPerAddress.TokenLimit, options.TokenPerClient.TokenLimit, options.Lockout.Threshold, options.Pbkdf2QueueLimit, options.GrpcPerClient.TokenLimit));

        // Four at a time, each for an id of its own (so neither the per-client limit nor the lockout applies), until refused.
        var answered = 0;
        TokenReply? limited = null;
        while (limited is null && answered < 400)
        {
            var replies = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => TokenEndpoint.PostAsync(gateway, $"burst-{Guid.NewGuid():N}", "wrong-secret")));
            answered += replies.Count(r => r.Status != HttpStatusCode.TooManyRequests);
            limited = replies.FirstOrDefault(r => r.Status == HttpStatusCode.TooManyRequests);
        }

        Assert.NotNull(limited);
        TokenRateLimitTests.AssertLimited(limited);

        // The fixture's own token request took one; the bucket refills by one a second while the burst runs.
        Assert.True(answered >= defaults.TokenPerAddress.TokenLimit - 1, $"refused after {answered} answered requests");

        // The refusal is audited as the other unauthenticated ones are: the first of its source and interval at once.
        var audit = new AuditService.AuditServiceClient(gateway.Channel);
        var page = await audit.QueryAuditAsync(new QueryAuditRequest { OperatorChain = true, PageSize = 500 }).ResponseAsync.WaitAsync(TimeSpan.FromSeconds(30));
        var refused = Assert.Single(page.Events, e => e.Reason == RefusalReasons.RateLimited);
        Assert.Equal(("anonymous", "TokenEndpoint.Token", 1L), (refused.Actor, refused.Action, refused.Count));
    }
}
