namespace ProcessorGateway.Core.Erasure;

/// <summary>
/// One erasure request and where it is in its lifecycle. Persisted whole and replaced under
/// <see cref="Version"/>, so every transition is a conditional update and a crash leaves a state the
/// job can resume from. Holds no personal values: ids, dates, counts and stated reasons only.
/// </summary>
public sealed record ErasureRequest(
    string RequestId,
    string TenantId,
    ErasureScope Scope,
    string? SubjectId,
    ErasureKind Kind,
    ErasureState State,
    string Reason,
    string RequestedBy,
    DateTimeOffset ReceivedAt,
    long Version)
{
    public DateTimeOffset? VerifiedAt { get; init; }

    /// <summary>Unset until known: institution-managed data counts from verification.</summary>
    public DateTimeOffset? DueAt { get; init; }

    public DateTimeOffset? ExecutedAt { get; init; }

    public DateTimeOffset? PurgedAt { get; init; }

    public string? RefusalReason { get; init; }

    /// <summary>
    /// What a hold or rule keeps: for a refused request, why it was refused; for a subject's request, the
    /// records kept (under <see cref="RetainedKeyId"/>) while the rest is erased.
    /// </summary>
    public IReadOnlyList<BlockedRecord> Blocked { get; init; } = [];

    /// <summary>
    /// The key the kept records are re-encrypted under before the subject key is destroyed. Chosen and stored
    /// with the record counts, before anything is changed, so a resumed execution uses the same key.
    /// </summary>
    public Guid? RetainedKeyId { get; init; }

    /// <summary>Retained keys of earlier erasures of the subject, destroyed by this one (their records kept again are moved first).</summary>
    public IReadOnlyList<Guid> ReleasedKeyIds { get; init; } = [];

    /// <summary>For an executed request that kept records: when <see cref="KeptRecordSweep"/> next checks whether anything still keeps them.</summary>
    public DateTimeOffset? KeptCheckAt { get; init; }

    /// <summary>Its retained key was destroyed (by a later erasure of the subject): nothing of this request is kept any more.</summary>
    public bool KeptReleased { get; init; }

    /// <summary>Records per collection found when execution started: what the receipt states.</summary>
    public IReadOnlyDictionary<string, long>? RecordCounts { get; init; }

    public IReadOnlyList<Guid> KeyIds { get; init; } = [];

    /// <summary>
    /// State besides records the execution deleted (profile, consents, preferences; for a tenant also its schemas,
    /// clients, holds, rules ...), counted before deleting it; <c>null</c> until then. What the receipt states.
    /// </summary>
    public IReadOnlyList<ErasedItem>? AlsoErased { get; init; }

    /// <summary>The signed deletion receipt (compact JWS), once executed.</summary>
    public string? Receipt { get; init; }

    /// <summary>The requester's contact key (see <see cref="Notifications.RequesterContacts"/>); the address is readable only while it exists.</summary>
    public Guid? ContactKeyId { get; init; }

    /// <summary>The requester's address, encrypted under <see cref="ContactKeyId"/>: never the address in clear.</summary>
    public byte[]? ContactAddress { get; init; }

    /// <summary>It ended (executed or refused) with nobody to tell: no requester address and no tenant channel.</summary>
    public bool NobodyToNotify { get; init; }

    /// <summary>Who is executing it and until when; a lapsed lease lets another replica resume.</summary>
    public string? LeaseOwner { get; init; }

    public DateTimeOffset? LeaseUntil { get; init; }

    public bool IsOpen => State is ErasureState.Received or ErasureState.Verified or ErasureState.Executing;

    public bool IsOverdue(DateTimeOffset now) => IsOpen && DueAt is { } due && due < now;

    public string Target => Scope == ErasureScope.Tenant ? $"tenant {TenantId}" : $"subject {SubjectId} of tenant {TenantId}";
}
