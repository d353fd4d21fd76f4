namespace ProcessorGateway.Core.Keys;

/// <summary>One replica without Redis: no other replica can hold a key, so its own cache is always usable.</summary>
public sealed class StandaloneReplicaLease : IReplicaLease
{
    public bool CanUseCachedKeys => true;
}
