namespace ProcessorGateway.Core.Subjects;

/// <summary>The stable snake_case names of recipient kinds and legal bases, as stored and exported.</summary>
public static class DisclosureNames
{
    public static string Of(RecipientKind kind) => kind switch
    {
        RecipientKind.ServiceProvider => "service_provider",
        RecipientKind.LegalAuthority => "legal_authority",
        RecipientKind.InstitutionTransfer => "institution_transfer",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Of(LegalBasis basis) => basis switch
    {
        LegalBasis.Consent => "consent",
        LegalBasis.LegalObligation => "legal_obligation",
        LegalBasis.Contract => "contract",
        _ => throw new ArgumentOutOfRangeException(nameof(basis), basis, null),
    };
}
