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

    public IReadOnlyList<BlockedRecord> Blocked { get; init; } = [];

    /// <summary>Records per collection found when execution started: what the receipt states.</summary>
    public IReadOnlyDictionary<string, long>? RecordCounts { get; init; }

    public IReadOnlyList<Guid> KeyIds { get; init; } = [];

    /// <summary>The signed deletion receipt (compact JWS), once executed.</summary>
    public string? Receipt { get; init; }

    /// <summary>Who is executing it and until when; a lapsed lease lets another replica resume.</summary>
    public string? LeaseOwner { get; init; }

    public DateTimeOffset? LeaseUntil { get; init; }

    public bool IsOpen => State is ErasureState.Received or ErasureState.Verified or ErasureState.Executing;

    public bool IsOverdue(DateTimeOffset now) => IsOpen && DueAt is { } due && due < now;

    public string Target => Scope == ErasureScope.Tenant ? $"tenant {TenantId}" : $"subject {SubjectId} of tenant {TenantId}";
}
