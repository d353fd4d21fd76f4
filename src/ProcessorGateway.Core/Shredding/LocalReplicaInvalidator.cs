namespace ProcessorGateway.Core.Shredding;

/// <summary>One replica without Redis: the shredder already evicted locally, and there is nobody else.</summary>
public sealed class LocalReplicaInvalidator : IReplicaInvalidator
{
    public Task<InvalidationOutcome> InvalidateAsync(string tenantId, IReadOnlyCollection<Guid> keyIds, CancellationToken cancellationToken) =>
        Task.FromResult(InvalidationOutcome.LocalOnly);
}
