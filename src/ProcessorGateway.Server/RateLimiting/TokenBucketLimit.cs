using System.Threading.RateLimiting;

namespace ProcessorGateway.Server.RateLimiting;

/// <summary>
/// One token bucket: up to <see cref="TokenLimit"/> requests at once, then <see cref="TokensPerPeriod"/> more every
/// <see cref="ReplenishmentPeriod"/>. A request finding the bucket empty is refused at once (no queue), with the
/// time until the next refill as its retry-after.
/// </summary>
public sealed class TokenBucketLimit
{
    public int TokenLimit { get; set; }

    public int TokensPerPeriod { get; set; }

    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);

    internal TokenBucketRateLimiterOptions ToLimiterOptions() => new()
    {
        TokenLimit = TokenLimit,
        TokensPerPeriod = TokensPerPeriod,
        ReplenishmentPeriod = ReplenishmentPeriod,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>Failures named by the setting's full path.</summary>
    internal IEnumerable<string> Problems(string path)
    {
        if (TokenLimit is < 1 or > 1_000_000)
        {
            yield return $"{path}:TokenLimit must be between 1 and 1000000.";
        }

        if (TokensPerPeriod < 1 || TokensPerPeriod > TokenLimit)
        {
            yield return $"{path}:TokensPerPeriod must be at least 1 and at most {path}:TokenLimit.";
        }

        if (ReplenishmentPeriod < TimeSpan.FromMilliseconds(100) || ReplenishmentPeriod > TimeSpan.FromHours(1))
        {
            yield return $"{path}:ReplenishmentPeriod must be between 100 ms and 1 hour.";
        }
    }
}
