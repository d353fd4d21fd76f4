namespace ProcessorGateway.Core.Shredding;

/// <summary>What the purge job removed for one tombstone, and when: the record a data-protection officer asks for.</summary>
public sealed record PurgeEntry(Guid KeyId, string TenantId, string? SubjectId, long RecordsRemoved, DateTimeOffset PurgedAt);
