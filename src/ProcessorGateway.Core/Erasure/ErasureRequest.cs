using ProcessorGateway.Core.Schemas;

namespace ProcessorGateway.Core.Erasure;

/// <summary>
/// One erasure request and where it is in its lifecycle. Persisted whole and replaced under
/// <see cref="Version"/>, so every transition is a conditional update and a crash leaves a state the
/// job can resume from. Holds no personal values: ids, dates, counts and stated reasons only.
/// The request is executed once every one of its <see cref="Parts"/> is; until then it stays open.
/// </summary>
public sealed record ErasureRequest(
    string RequestId,
    string TenantId,
    ErasureScope Scope,
    string? SubjectId,
    ErasureState State,
    string Reason,
    string RequestedBy,
    DateTimeOffset ReceivedAt,
    long Version)
{
    /// <summary>One per data class the request covers (the personal-account part always), each with its own deadline.</summary>
    public IReadOnlyList<ErasurePart> Parts { get; init; } = [];

    /// <summary>The tenant's verification period after receipt (unset on requests stored before it existed).</summary>
    public DateTimeOffset? VerificationDueAt { get; init; }

    public DateTimeOffset? VerifiedAt { get; init; }

    /// <summary>The client id that verified it.</summary>
    public string? VerifiedBy { get; init; }

    /// <summary>What the verifier checked (never a personal value).</summary>
    public string? VerificationNote { get; init; }

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

    /// <summary>
    /// When the personal-account part executes before the institution-managed part: the key of the request's own
    /// the institution-managed records are re-encrypted under before the subject key is destroyed, and which that
    /// part's execution destroys. Chosen with the first part's plan.
    /// </summary>
    public Guid? InstitutionKeyId { get; init; }

    /// <summary>Retained keys of earlier erasures of the subject, destroyed by this one (their records kept again are moved first).</summary>
    public IReadOnlyList<Guid> ReleasedKeyIds { get; init; } = [];

    /// <summary>For an executed request that kept records: when <see cref="KeptRecordSweep"/> next checks whether anything still keeps them.</summary>
    public DateTimeOffset? KeptCheckAt { get; init; }

    /// <summary>Its retained key was destroyed (by a later erasure of the subject): nothing of this request is kept any more.</summary>
    public bool KeptReleased { get; init; }

    /// <summary>Records per collection the first execution makes unreadable (its plan's marker); every part's once executed: what the receipt states.</summary>
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

    /// <summary>The latest deadline the tenant's channels were told was missed (so each is told once).</summary>
    public DateTimeOffset? OverdueNotifiedFor { get; init; }

    public bool IsOpen => State is ErasureState.Received or ErasureState.Verified or ErasureState.Executing;

    /// <summary>The earliest deadline among the parts still open.</summary>
    public DateTimeOffset? DueAt => Parts.Where(p => p.IsOpen && p.DueAt is not null).Min(p => p.DueAt);

    /// <summary>The next deadline of an open request: verification's while unverified, or the earliest open part's.</summary>
    public DateTimeOffset? NextDeadline
    {
        get
        {
            if (!IsOpen)
            {
                return null;
            }

            var verification = State == ErasureState.Received ? VerificationDueAt : null;
            return verification is { } v && (DueAt is not { } due || v < due) ? v : DueAt;
        }
    }

    /// <summary>
    /// The earliest deadline of an open request that the tenant's channels were not yet told of (verification's while
    /// unverified, and each open part's): the job tells of each once it has passed, one after the other.
    /// </summary>
    public DateTimeOffset? NextOverdueNotice
    {
        get
        {
            if (!IsOpen)
            {
                return null;
            }

            var deadlines = Parts.Where(p => p.IsOpen && p.DueAt is not null).Select(p => p.DueAt!.Value);
            if (State == ErasureState.Received && VerificationDueAt is { } verification)
            {
                deadlines = deadlines.Append(verification);
            }

            return deadlines.Where(d => OverdueNotifiedFor is not { } told || d > told).Order().Cast<DateTimeOffset?>().FirstOrDefault();
        }
    }

    /// <summary>When the job next has a part to execute (unset for a request stored before parts existed).</summary>
    public DateTimeOffset? NextExecuteAfter =>
        State == ErasureState.Verified ? Parts.Where(p => p.State == ErasureState.Verified && p.ExecuteAfter is not null).Min(p => p.ExecuteAfter) : null;

    /// <summary>Open and past a deadline: verification's or a part's.</summary>
    public bool IsOverdue(DateTimeOffset now) => NextDeadline is { } deadline && deadline < now;

    /// <summary>The deadline rule the request was once filed under, derived for the superseded <c>kind</c> field.</summary>
    public ErasureKind Kind => Parts.Any(p => p.Class == DataClass.InstitutionManaged) && !Parts.Any(p => p.Class == DataClass.PersonalAccount)
        ? ErasureKind.InstitutionManaged
        : ErasureKind.PersonalAccount;

    public ErasurePart? Part(DataClass dataClass) => Parts.FirstOrDefault(p => p.Class == dataClass);

    public string Target => Scope == ErasureScope.Tenant ? $"tenant {TenantId}" : $"subject {SubjectId} of tenant {TenantId}";
}
