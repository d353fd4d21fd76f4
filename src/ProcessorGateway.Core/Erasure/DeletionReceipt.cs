namespace ProcessorGateway.Core.Erasure;

/// <summary>What an erasure destroyed and when, and by when the last backup copy ages out. Ids and counts only.</summary>
public sealed record DeletionReceipt(
    string RequestId,
    string TenantId,
    ErasureScope Scope,
    string? SubjectId,
    IReadOnlyList<Guid> KeyIds,
    IReadOnlyDictionary<string, long> RecordCounts,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset ErasedAt,
    DateTimeOffset RecordBackupsAgeOutBy,
    DateTimeOffset KeyVaultBackupsAgeOutBy);
