namespace ProcessorGateway.Core.Schemas;

/// <summary>
/// Whose data a collection holds, which decides how soon an erasure request must reach its records
/// (docs/erasure.md#deadlines). Stored with each schema version: never renumber.
/// </summary>
public enum DataClass
{
    /// <summary>Not classified: erasure applies the stricter personal-account rule.</summary>
    Unclassified = 0,

    /// <summary>The person's own account data: erased within 7 business days of the request's receipt.</summary>
    PersonalAccount = 1,

    /// <summary>Data the institution manages about the person: erased within the tenant's period after verification.</summary>
    InstitutionManaged = 2,
}
