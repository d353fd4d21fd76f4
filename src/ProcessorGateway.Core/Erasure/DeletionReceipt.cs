namespace ProcessorGateway.Core.Erasure;

/// <summary>
/// What an erasure destroyed and when, and by when the last backup copy ages out; and what it kept (records
/// under a legal hold or retention rule, re-encrypted under <see cref="RetainedKeyId"/>) and why; and what else it
/// deleted besides records (<see cref="AlsoErased"/>). Ids, counts and stated reasons only.
/// </summary>
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
    DateTimeOffset KeyVaultBackupsAgeOutBy)
{
    public IReadOnlyList<BlockedRecord> Kept { get; init; } = [];

    public Guid? RetainedKeyId { get; init; }

    /// <summary>State besides records the erasure deleted, per kind (<see cref="ErasedKinds"/>).</summary>
    public IReadOnlyList<ErasedItem> AlsoErased { get; init; } = [];

    /// <summary>A whole tenant's request: the operator client that asked for it.</summary>
    public string? RequestedBy { get; init; }

    /// <summary>A whole tenant's request: the different operator client that approved (verified) it.</summary>
    public string? ApprovedBy { get; init; }
}
