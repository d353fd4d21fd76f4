using System.Net;
using ProcessorGateway.Server.Tests.Auth;
using ProcessorGateway.Server.Tests.Faults;

namespace ProcessorGateway.Server.Tests.RateLimiting;

/// <summary>Redis away: the lockout is counted in the replica's memory (local only, not closed).</summary>
public sealed class LockoutWithoutRedisTests(RedisBehindProxyGateway gateway) : IClassFixture<RedisBehindProxyGateway>
{
    [Fact]
    public async Task Without_Redis_tokens_are_still_issued_and_repeated_failures_still_lock_the_id()
    {
        var (_, clientId, secret) = await LimitedClient.RegisterAsync(gateway);

        gateway.Proxy.Cut();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.Equal(HttpStatusCode.OK, (await TokenEndpoint.PostAsync(gateway, clientId, secret)).Status);
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await TokenEndpoint.PostAsync(gateway, clientId, "wrong-secret")).Status);
            }

            var refused = await TokenEndpoint.PostAsync(gateway, clientId, secret);

            Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), (refused.Status, refused.Error));
        }
        finally
        {
            gateway.Proxy.Restore();
        }

        // Back with Redis, the lockout this replica started holds still.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenEndpoint.PostAsync(gateway, clientId, secret)).Status);
    }
}
