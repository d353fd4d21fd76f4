namespace ProcessorGateway.Server.Auth;

/// <summary>Claims the gateway adds to its access tokens, beyond the standard ones.</summary>
internal static class GatewayClaims
{
    /// <summary>The tenant a client is bound to; absent for operator clients.</summary>
    public const string Tenant = "pg_tenant";

    /// <summary>One claim per purpose the client is registered for.</summary>
    public const string Purpose = "pg_purpose";

    /// <summary>Where the token endpoint hands the authenticated client to the sign-in step.</summary>
    public const string ClientProperty = "processorgateway:client";
}
