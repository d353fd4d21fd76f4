namespace ProcessorGateway.Core.Audit;

/// <summary>A tenant's own audit retention, set by its data-protection officer or an operator.</summary>
public sealed record AuditRetentionSetting(string TenantId, int Days, DateTimeOffset UpdatedAt, string UpdatedBy);
