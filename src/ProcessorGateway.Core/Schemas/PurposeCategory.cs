namespace ProcessorGateway.Core.Schemas;

/// <summary>
/// What a purpose uses data for: the uses the policy permits, and two it forbids (named so that a request for them
/// is refused with the reason). The numbers are the contract's <c>PurposeCategory</c> and are stored: never renumber.
/// </summary>
public enum PurposeCategory
{
    Unspecified = 0,
    ServiceOperation = 1,
    Support = 2,
    Analytics = 3,
    Communication = 4,
    Security = 5,
    LegalObligation = 6,
    Marketing = 7,
    SaleToThirdParties = 8,
}
