namespace ProcessorGateway.Core.Keys;

/// <summary>
/// Whether this replica may use its cached keys right now. With several replicas, only while its lease
/// (renewed in Redis, measured on its own monotonic clock) is fresh: a replica that could have missed an
/// invalidation must not serve a cached key.
/// </summary>
public interface IReplicaLease
{
    bool CanUseCachedKeys { get; }
}
