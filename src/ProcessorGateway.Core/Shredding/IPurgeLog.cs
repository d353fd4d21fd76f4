namespace ProcessorGateway.Core.Shredding;

/// <summary>Port to the log of purges: which tombstones have had their ciphertext removed, and how much.</summary>
public interface IPurgeLog
{
    Task<bool> IsPurgedAsync(Guid keyId, CancellationToken cancellationToken);

    Task RecordAsync(PurgeEntry entry, CancellationToken cancellationToken);
}
