using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.RateLimiting;

/// <summary>
/// A token endpoint with small limits: three requests per claimed client id, never refilled during a test, and one
/// secret check at a time with two waiting.
/// </summary>
public sealed class TightTokenLimitGateway : GatewayFixture
{
    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Gateway:RateLimits:TokenPerClient:TokenLimit"] = "3",
        ["Gateway:RateLimits:TokenPerClient:TokensPerPeriod"] = "1",
        ["Gateway:RateLimits:TokenPerClient:ReplenishmentPeriod"] = "01:00:00",
        ["Gateway:RateLimits:Pbkdf2Concurrency"] = "1",
        ["Gateway:RateLimits:Pbkdf2QueueLimit"] = "2",
    };
}
