namespace ProcessorGateway.Core.Tenants;

public enum TenantStatus
{
    Active = 1,
    Offboarding = 2,
    Shredded = 3,
}
