namespace ProcessorGateway.Core.Audit;

/// <summary>
/// Port: the append-only, hash-chained audit log. An append returns once the event is durable in its
/// chain (majority write), and throws an UNAVAILABLE domain error when it cannot be written: callers
/// fail the access then, so nothing happens without its event.
/// </summary>
public interface IAuditLog
{
    Task<ChainedAuditEvent> AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>Every event of the chain, in sequence order, as stored.</summary>
    IAsyncEnumerable<ChainedAuditEvent> ReadChainAsync(string chainId, CancellationToken cancellationToken);

    /// <summary>The chain's stored checkpoint, kept apart from its events; <c>null</c> before its first.</summary>
    Task<AuditCheckpoint?> LatestCheckpointAsync(string chainId, CancellationToken cancellationToken);

    /// <summary>Where the chain was pruned (<see cref="IAuditPruning"/>), kept apart from its events; <c>null</c> while it never was.</summary>
    Task<AuditPrunePoint?> PrunePointAsync(string chainId, CancellationToken cancellationToken);
}
