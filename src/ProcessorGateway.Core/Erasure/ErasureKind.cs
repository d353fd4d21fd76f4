namespace ProcessorGateway.Core.Erasure;

/// <summary>
/// The deadline rule a request was filed under before each collection's <see cref="Schemas.DataClass"/> decided it:
/// read from requests stored before parts existed (each becomes one part of that class), and derived for the
/// superseded <c>kind</c> field of the API. Stored: never renumber.
/// </summary>
public enum ErasureKind
{
    /// <summary>The person's own account: 7 business days from receipt.</summary>
    PersonalAccount = 1,

    /// <summary>Data the institution manages: the tenant's period (30–45 business days) from verification.</summary>
    InstitutionManaged = 2,
}
