namespace ProcessorGateway.Core.Audit;

/// <summary>
/// An event as a reader sees it: the subject ids its references open to now (and any an older event names in
/// clear), and how many subjects it touched that can no longer be named because their keys are gone.
/// </summary>
public sealed record AuditEventView(ChainedAuditEvent Event, IReadOnlyList<string> SubjectIds, int ErasedSubjectRefs);
