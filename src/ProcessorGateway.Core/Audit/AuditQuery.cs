namespace ProcessorGateway.Core.Audit;

/// <summary>A page of one chain's events, oldest first, narrowed by any of the filters.</summary>
/// <param name="SubjectId">Matches events that name the subject in clear (written before references).</param>
/// <param name="AfterSequence">The paging cursor: events after this sequence number.</param>
public sealed record AuditQuery(
    string ChainId,
    string? SubjectId,
    string? RecordId,
    string? Actor,
    string? Purpose,
    DateTimeOffset? From,
    DateTimeOffset? To,
    int PageSize,
    long AfterSequence)
{
    /// <summary>With <see cref="SubjectId"/>: also events naming the subject by reference, by its lookup token (<see cref="SubjectReferenceCipher"/>).</summary>
    public byte[]? SubjectToken { get; init; }
}
