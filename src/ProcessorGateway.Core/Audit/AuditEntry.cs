namespace ProcessorGateway.Core.Audit;

/// <summary>
/// What happened, as one audit event records it: who (the client id, or a job's name), which tenant
/// (none for operator actions without one), for what purpose, which action, the record ids, subject ids
/// and field names touched (never their values), the outcome and status, and where from.
/// </summary>
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
    /// <summary>The chain the event belongs to: its tenant's, or the operator chain.</summary>
    public string ChainId => AuditChains.For(TenantId);
}
