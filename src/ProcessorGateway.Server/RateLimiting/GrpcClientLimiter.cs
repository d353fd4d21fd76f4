using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ProcessorGateway.Server.RateLimiting;

/// <summary>A token bucket per authenticated client id (<c>Gateway:RateLimits:GrpcPerClient</c>), shared by every call of that client on this replica.</summary>
internal sealed class GrpcClientLimiter : IDisposable
{
    public GrpcClientLimiter(IOptions<RateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        var bucket = settings.GrpcPerClient.ToLimiterOptions();
        Limiter = settings.Enabled
            ? PartitionedRateLimiter.Create<string, string>(clientId => RateLimitPartition.GetTokenBucketLimiter(clientId, _ => bucket))
            : PartitionedRateLimiter.Create<string, string>(clientId => RateLimitPartition.GetNoLimiter(clientId));
    }

    public PartitionedRateLimiter<string> Limiter { get; }

    public void Dispose() => Limiter.Dispose();
}
