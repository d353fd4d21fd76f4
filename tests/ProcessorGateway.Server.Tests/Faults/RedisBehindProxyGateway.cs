using System.Globalization;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Faults;

/// <summary>A gateway that reaches Redis only through a proxy the test can cut.</summary>
public sealed class RedisBehindProxyGateway : GatewayFixture
{
    public RedisBehindProxyGateway()
    {
        var redis = TestServers.Redis.Split(':');
        Proxy = new LoopbackTcpProxy(redis[0], int.Parse(redis[1], CultureInfo.InvariantCulture));
    }

    public LoopbackTcpProxy Proxy { get; }

    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Gateway:Redis:Configuration"] = $"127.0.0.1:{Proxy.Port}",
        ["Gateway:Redis:InstanceName"] = Database,
        ["Gateway:Redis:LeaseLength"] = "00:00:02",
        ["Gateway:Redis:AcknowledgementTimeout"] = "00:00:01",

        // For LockoutWithoutRedisTests; the outage tests use right secrets only.
        ["Gateway:RateLimits:Lockout:Threshold"] = "3",
    };

    public override async Task DisposeAsync()
    {
        Proxy.Restore();
        await base.DisposeAsync();
        await Proxy.DisposeAsync();
    }
}
