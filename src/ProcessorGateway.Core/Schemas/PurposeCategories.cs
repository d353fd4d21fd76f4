using System.Collections.Frozen;

namespace ProcessorGateway.Core.Schemas;

/// <summary>The categories' stable names, the standard purposes' fixed categories, and what the policy forbids.</summary>
public static class PurposeCategories
{
    /// <summary>
    /// The category of each standard purpose, registered for every tenant. Safeguarding protects the people in the
    /// service, which the contract names as security; where a law requires it, the institution still does it for their safety.
    /// </summary>
    public static FrozenDictionary<string, PurposeCategory> Standard { get; } = new Dictionary<string, PurposeCategory>(StringComparer.Ordinal)
    {
        [Purposes.Attendance] = PurposeCategory.ServiceOperation,
        [Purposes.Fees] = PurposeCategory.ServiceOperation,
        [Purposes.Academic] = PurposeCategory.ServiceOperation,
        [Purposes.Administration] = PurposeCategory.ServiceOperation,
        [Purposes.Employment] = PurposeCategory.ServiceOperation,
        [Purposes.Support] = PurposeCategory.Support,
        [Purposes.Analytics] = PurposeCategory.Analytics,
        [Purposes.Communication] = PurposeCategory.Communication,
        [Purposes.Safeguarding] = PurposeCategory.Security,
        [Purposes.Security] = PurposeCategory.Security,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The categories a purpose may be registered with.</summary>
    public static IReadOnlyList<PurposeCategory> Permitted { get; } =
    [
        PurposeCategory.ServiceOperation, PurposeCategory.Support, PurposeCategory.Analytics, PurposeCategory.Communication,
        PurposeCategory.Security, PurposeCategory.LegalObligation,
    ];

    /// <summary>The lower_snake name audit events and exports carry: <c>service_operation</c>, <c>analytics</c>...</summary>
    public static string Name(PurposeCategory category) => category switch
    {
        PurposeCategory.ServiceOperation => "service_operation",
        PurposeCategory.Support => "support",
        PurposeCategory.Analytics => "analytics",
        PurposeCategory.Communication => "communication",
        PurposeCategory.Security => "security",
        PurposeCategory.LegalObligation => "legal_obligation",
        PurposeCategory.Marketing => "marketing",
        PurposeCategory.SaleToThirdParties => "sale_to_third_parties",
        _ => "unspecified",
    };

    /// <summary>The category a stored name stands for; an unknown name reads as unspecified.</summary>
    public static PurposeCategory Parse(string? name) =>
        Enum.GetValues<PurposeCategory>().FirstOrDefault(c => c != PurposeCategory.Unspecified && Name(c) == name);
}
