namespace ProcessorGateway.Core.Subjects;

/// <summary>What the gateway knows about a data subject beyond their records: for now, whether they are a minor.</summary>
public sealed record SubjectProfile(string TenantId, string SubjectId, bool Minor, DateTimeOffset? UpdatedAt);
