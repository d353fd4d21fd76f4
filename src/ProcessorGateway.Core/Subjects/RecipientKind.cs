namespace ProcessorGateway.Core.Subjects;

/// <summary>Who received disclosed data: the only recipients outside the platform the policy allows.</summary>
public enum RecipientKind
{
    ServiceProvider = 1,
    LegalAuthority = 2,
    InstitutionTransfer = 3,
}
