namespace ProcessorGateway.Server.Tests.Hostile;

/// <summary>Whose credentials a hostile request carries.</summary>
internal enum HostileCaller
{
    /// <summary>The bootstrap operator: every scope, across tenants.</summary>
    Operator,

    /// <summary>A client bound to the target tenant, with every scope.</summary>
    TenantBound,

    /// <summary>No valid token: none, garbage, an altered real one, an unsigned one, another scheme.</summary>
    Forged,
}
