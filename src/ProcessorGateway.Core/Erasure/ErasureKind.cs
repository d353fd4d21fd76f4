namespace ProcessorGateway.Core.Erasure;

/// <summary>Whose data it is, which sets the deadline. Stored: never renumber.</summary>
public enum ErasureKind
{
    /// <summary>The person's own account: 7 business days from receipt.</summary>
    PersonalAccount = 1,

    /// <summary>Data the institution manages: the tenant's period (30–45 business days) from verification.</summary>
    InstitutionManaged = 2,
}
