namespace ProcessorGateway.Core.Audit;

/// <summary>
/// What happened, as one audit event records it: who (the client id, or a job's name), which tenant
/// (none for operator actions without one), for what purpose, which action, the record ids, the subjects
/// and the field names touched (never their values), the outcome and status, and where from.
/// </summary>
/// <param name="SubjectIds">Subject ids in clear: only in events written before subjects were named by reference.</param>
/// <param name="Status">The gRPC status name (<c>OK</c>, <c>PermissionDenied</c>...) or, for the token endpoint, the OAuth error.</param>
public sealed record AuditEntry(
    string EventId,
    DateTimeOffset Time,
    string Actor,
    string? TenantId,
    string? Purpose,
    string Action,
    IReadOnlyList<string> RecordIds,
    IReadOnlyList<string> SubjectIds,
    IReadOnlyList<string> Fields,
    AuditOutcome Outcome,
    string Status,
    string? ClientIp,
    string? UserAgent,
    string? TraceId)
{
    /// <summary>
    /// The subjects touched, each named under its own key (<see cref="SubjectReference"/>); <c>null</c> in an event
    /// written before subjects were named so, which hashes as it always did.
    /// </summary>
    public IReadOnlyList<SubjectReference>? SubjectRefs { get; init; }

    /// <summary>Subjects the event touched but could not name: already erased when it was written, or no tenant to name them in.</summary>
    public int UnnamedSubjects { get; init; }

    /// <summary>
    /// The category of <see cref="Purpose"/> when the event was written (<c>service_operation</c>, <c>analytics</c>...);
    /// <c>null</c> for a call that named no registered purpose and in events written before categories existed.
    /// </summary>
    public string? PurposeCategory { get; init; }

    /// <summary>
    /// How many occurrences the event stands for: 1 for an ordinary event; more for a counted aggregate of
    /// unauthenticated refusals from one source for one reason (<see cref="RefusalTally"/>).
    /// </summary>
    public long Count { get; init; } = 1;

    /// <summary>
    /// Why an unauthenticated call or token request was refused, from a fixed list (<see cref="RefusalReasons"/>), never
    /// a caller's words; <c>null</c> for every other event.
    /// </summary>
    public string? Reason { get; init; }

    /// <summary>The chain the event belongs to: its tenant's, or the operator chain.</summary>
    public string ChainId => AuditChains.For(TenantId);
}
