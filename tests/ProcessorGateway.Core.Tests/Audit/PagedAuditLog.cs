using ProcessorGateway.Core.Audit;

namespace ProcessorGateway.Core.Tests.Audit;

/// <summary>A substitute for the audit log port that answers every query with one page and keeps the queries it was asked.</summary>
internal sealed class PagedAuditLog(long? nextAfterSequence) : IAuditLog
{
    public List<AuditQuery> Queries { get; } = [];

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        Queries.Add(query);
        return Task.FromResult(new AuditPage([], nextAfterSequence));
    }

    public Task<ChainedAuditEvent> AppendAsync(AuditEntry entry, CancellationToken cancellationToken) => throw new NotSupportedException();

    public IAsyncEnumerable<ChainedAuditEvent> ReadChainAsync(string chainId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<AuditCheckpoint?> LatestCheckpointAsync(string chainId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<AuditPrunePoint?> PrunePointAsync(string chainId, CancellationToken cancellationToken) => throw new NotSupportedException();
}
