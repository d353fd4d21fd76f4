using System.Net;
using ProcessorGateway.Server.Audit;
using ProcessorGateway.Server.RateLimiting;
using ProcessorGateway.Server.Tests.Audit;
using ProcessorGateway.Server.Tests.Auth;
using ProcessorGateway.Testing;
using StackExchange.Redis;

namespace ProcessorGateway.Server.Tests.RateLimiting;

/// <summary>The lockout after repeated failed authentications, counted in the test Redis, through real gateways.</summary>
public sealed class LockoutTests(LockoutGateway gateway) : IClassFixture<LockoutGateway>
{
    [Fact]
    public async Task After_repeated_wrong_secrets_even_the_right_secret_is_refused_until_the_lockout_ends_audited_once()
    {
        var (tenant, clientId, secret) = await LimitedClient.RegisterAsync(gateway);
        var wrong = await FailAsync(gateway, clientId, LockoutGateway.Threshold);

        var whileLocked = await TokenEndpoint.PostAsync(gateway, clientId, secret);
        await FailAsync(gateway, clientId, 2);

        // Locked: the right secret gets exactly what a wrong one gets.
        Assert.Equal((wrong.Status, wrong.Body.GetRawText()), (whileLocked.Status, whileLocked.Body.GetRawText()));
        await AssertLockedInRedisAsync(clientId, secret);

        await Task.Delay(LockoutGateway.Duration + TimeSpan.FromMilliseconds(500));
        Assert.Equal(HttpStatusCode.OK, (await TokenEndpoint.PostAsync(gateway, clientId, secret)).Status);

        // One event for the lockout, in the client's tenant chain, however many requests it refused.
        var lockouts = (await AuditedCalls.ReadAllAsync(gateway.Channel, tenant)).Where(e => e.Action == ClientLockout.Action).ToList();
        var lockout = Assert.Single(lockouts);
        Assert.Equal((TokenRequestAuditHandler.UnverifiedPrefix + clientId, ClientLockout.Status), (lockout.Actor, lockout.Status));
        Assert.DoesNotContain(await AuditedCalls.ReadAllAsync(gateway.Channel, null), e => e.Action == ClientLockout.Action && e.Actor.EndsWith(clientId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_client_id_locks_the_same_way_audited_once_in_the_operator_chain()
    {
        var unknown = $"nobody-{Guid.NewGuid():N}";
        var (_, known, _) = await LimitedClient.RegisterAsync(gateway);

        var unknownReply = await FailAsync(gateway, unknown, LockoutGateway.Threshold + 2);
        var knownReply = await FailAsync(gateway, known, LockoutGateway.Threshold + 2);

        Assert.Equal((knownReply.Status, knownReply.Body.GetRawText()), (unknownReply.Status, unknownReply.Body.GetRawText()));
        await AssertLockedInRedisAsync(unknown, "wrong-secret");
        var lockouts = (await AuditedCalls.ReadAllAsync(gateway.Channel, null)).Where(e => e.Action == ClientLockout.Action && e.Actor == TokenRequestAuditHandler.UnverifiedPrefix + unknown);
        Assert.Single(lockouts);
    }

    [Fact]
    public async Task Failures_on_one_replica_lock_the_id_on_another_that_shares_its_Redis()
    {
        var (_, clientId, secret) = await LimitedClient.RegisterAsync(gateway);
        var replica = new GatewayReplica(gateway.Database, gateway.ReplicaSettings);
        await replica.InitializeAsync();
        try
        {
            await FailAsync(replica, clientId, LockoutGateway.Threshold);

            var refused = await TokenEndpoint.PostAsync(gateway, clientId, secret);

            Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), (refused.Status, refused.Error));
        }
        finally
        {
            await replica.DisposeAsync();
        }
    }

    private static async Task<TokenReply> FailAsync(GatewayFixture target, string clientId, int times)
    {
        TokenReply? last = null;
        for (var i = 0; i < times; i++)
        {
            last = await TokenEndpoint.PostAsync(target, clientId, "wrong-secret");
            Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), (last.Status, last.Error));
        }

        return last!;
    }

    /// <summary>The lock is a key with a TTL no longer than the lockout; no key under the prefix holds the secret.</summary>
    private async Task AssertLockedInRedisAsync(string clientId, string secret)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        var database = redis.GetDatabase();
        var ttl = await database.KeyTimeToLiveAsync(gateway.RedisPrefix + "locked:" + clientId);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMilliseconds(1), LockoutGateway.Duration);

        var server = redis.GetServer(redis.GetEndPoints()[0]);
        await foreach (var key in server.KeysAsync(pattern: gateway.RedisPrefix + "*"))
        {
            Assert.DoesNotContain(secret, key.ToString(), StringComparison.Ordinal);
            var value = await database.StringGetAsync(key);
            Assert.True(long.TryParse(value.ToString(), out _), $"{key} holds '{value}', not a count");
            Assert.NotNull(await database.KeyTimeToLiveAsync(key));
        }
    }
}
