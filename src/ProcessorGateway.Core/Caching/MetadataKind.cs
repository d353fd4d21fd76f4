namespace ProcessorGateway.Core.Caching;

/// <summary>What a cached piece of metadata is; the kind tags the cache's metrics, the id never does.</summary>
public enum MetadataKind
{
    /// <summary>Whether an OAuth client is active (not revoked), by client id.</summary>
    Client,

    /// <summary>A tenant (status and key references), by tenant id.</summary>
    Tenant,

    /// <summary>A collection schema, by tenant, collection and version (0: the newest).</summary>
    Schema,

    /// <summary>The purposes a tenant registered, by tenant id.</summary>
    Purposes,
}
