namespace ProcessorGateway.Client;

/// <summary>Which client of <c>.dev/dev-credentials.json</c> to act as.</summary>
public enum DevelopmentClient
{
    /// <summary>The development tenant's client, with every scope and purpose for that tenant.</summary>
    Tenant,

    /// <summary>The operator client: tenants.admin across tenants, bound to none.</summary>
    Operator,
}
