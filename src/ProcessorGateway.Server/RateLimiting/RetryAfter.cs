using System.Globalization;
using System.Threading.RateLimiting;

namespace ProcessorGateway.Server.RateLimiting;

internal static class RetryAfter
{
    /// <summary>
    /// Whole seconds, at least one, as <c>Retry-After</c> carries them. A token bucket knows when it refills; a full
    /// queue of secret checks does not, and drains within about a second.
    /// </summary>
    public static string Of(RateLimitLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
        return seconds.ToString(CultureInfo.InvariantCulture);
    }
}
