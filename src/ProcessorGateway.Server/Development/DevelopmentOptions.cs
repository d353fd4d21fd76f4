using ProcessorGateway.Core.Configuration;

namespace ProcessorGateway.Server.Development;

/// <summary>Bound from <c>Gateway:Dev</c>; used only when the environment is Development.</summary>
public sealed class DevelopmentOptions
{
    public const string SectionName = GatewaySections.Dev;

    /// <summary>Off in tests, which set up their own tenants and clients.</summary>
    public bool SeedTenant { get; set; } = true;

    public string TenantId { get; set; } = "dev-school";

    public string DisplayName { get; set; } = "Development School";

    /// <summary>
    /// This development deployment's own directory (<c>Gateway__Dev__Directory</c>), relative to the working directory
    /// the gateway runs from: its token keys and issuer live in <c>deployment/</c> there. Git-ignored.
    /// </summary>
    public string Directory { get; set; } = ".dev";

    /// <summary>Where to write the addresses and credentials for local callers (<c>Gateway__Dev__CredentialsPath</c>). Empty: not written.</summary>
    public string? CredentialsPath { get; set; }
}
