namespace ProcessorGateway.Core.Shredding;

/// <summary>
/// Port: tells every other live replica to evict shredded keys, and returns only when each has
/// acknowledged or its lease has lapsed (docs/design.md §4).
/// </summary>
public interface IReplicaInvalidator
{
    Task<InvalidationOutcome> InvalidateAsync(string tenantId, IReadOnlyCollection<Guid> keyIds, CancellationToken cancellationToken);
}
