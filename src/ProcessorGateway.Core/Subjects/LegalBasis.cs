namespace ProcessorGateway.Core.Subjects;

/// <summary>Why a disclosure was lawful. Consent names the consent; a legal obligation names its reference (a case number).</summary>
public enum LegalBasis
{
    Consent = 1,
    LegalObligation = 2,
    Contract = 3,
}
