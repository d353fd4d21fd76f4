namespace ProcessorGateway.Core.Audit;

/// <summary>One chain per tenant, and one for operator actions that name no tenant.</summary>
public static class AuditChains
{
    /// <summary>Tenant ids start with a letter or digit, so this can never be one.</summary>
    public const string Operator = "_operator";

    public static string For(string? tenantId) => string.IsNullOrEmpty(tenantId) ? Operator : tenantId;
}
