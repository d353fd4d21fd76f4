namespace ProcessorGateway.Core.Subjects;

/// <summary>Whether a subject accepts messages of one category on one channel.</summary>
public sealed record CommunicationPreference(string TenantId, string SubjectId, string Channel, string Category, bool Allowed, DateTimeOffset? UpdatedAt);
