using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.RateLimiting;

/// <summary>Twenty gRPC calls per client, refilled only after ten minutes.</summary>
public sealed class GrpcLimitGateway : GatewayFixture
{
    public const int Burst = 20;

    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Gateway:RateLimits:GrpcPerClient:TokenLimit"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Gateway:RateLimits:GrpcPerClient:TokensPerPeriod"] = "1",
        ["Gateway:RateLimits:GrpcPerClient:ReplenishmentPeriod"] = "00:10:00",
    };
}
