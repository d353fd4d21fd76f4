using ProcessorGateway.Core.Configuration;

namespace ProcessorGateway.Server.RateLimiting;

/// <summary>
/// Bound from <c>Gateway:RateLimits</c>: the token endpoint's limits per source address and per claimed client id,
/// the cap on concurrent secret checks, the lockout, and the gRPC API's limit per authenticated client.
/// The defaults let an ERP batch service work unthrottled and keep a flood of token requests to a bounded share of the CPU.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = GatewaySections.RateLimits;

    /// <summary>Off only in Development (for a benchmark without limits); the validator refuses it elsewhere.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Token requests from one source address: a burst of 20 (twenty services behind one address starting at once),
    /// then one a second. A flood from one address runs at most that many secret checks before it is refused.
    /// </summary>
    public TokenBucketLimit TokenPerAddress { get; set; } = new() { TokenLimit = 20, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromSeconds(1) };

    /// <summary>
    /// Token requests naming one client id, known or not: a burst of 10, then one every 6 seconds. A token lives
    /// 5 minutes by default, so even many replicas of one client stay far below it.
    /// </summary>
    public TokenBucketLimit TokenPerClient { get; set; } = new() { TokenLimit = 10, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromSeconds(6) };

    /// <summary>
    /// Token requests that may check a secret (100,000 PBKDF2 iterations) at once, across the replica. The default
    /// is a quarter of the processors, at least one, so a flood never holds more than that share of the CPU.
    /// </summary>
    public int Pbkdf2Concurrency { get; set; } = Math.Max(1, Environment.ProcessorCount / 4);

    /// <summary>Token requests that may wait for a secret check; beyond them a request is refused at once.</summary>
    public int Pbkdf2QueueLimit { get; set; } = 16;

    public LockoutOptions Lockout { get; set; } = new();

    /// <summary>gRPC (and gRPC-Web and JSON) calls of one authenticated client: a burst of 2,000, then 1,000 a second.</summary>
    public TokenBucketLimit GrpcPerClient { get; set; } = new() { TokenLimit = 2000, TokensPerPeriod = 1000, ReplenishmentPeriod = TimeSpan.FromSeconds(1) };
}
