using System.Collections.Frozen;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Validation;

namespace ProcessorGateway.Core.Schemas;

/// <summary>
/// What a purpose may be registered as. The policy forbids using data for third-party marketing and selling it, so
/// neither category is accepted, nor a name that says so plainly whatever category it claims.
/// </summary>
public static class PurposeRules
{
    public const int DescriptionMaxLength = 500;

    private const string MarketingReason = "the platform's policy forbids using data for third-party marketing";
    private const string SaleReason = "the platform's policy forbids selling data or sharing it with third parties for their own use";

    /// <summary>Words of a purpose name (split at '_') that say marketing or sale, with the reason each is refused.</summary>
    private static readonly FrozenDictionary<string, string> ForbiddenWords = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["marketing"] = MarketingReason, ["advertising"] = MarketingReason, ["advertisement"] = MarketingReason,
        ["adverts"] = MarketingReason, ["ads"] = MarketingReason,
        ["sale"] = SaleReason, ["sales"] = SaleReason, ["resale"] = SaleReason, ["resell"] = SaleReason, ["sell"] = SaleReason, ["selling"] = SaleReason,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static string CheckName(string? name)
    {
        var named = Identifiers.Name(name, "name");
        var word = named.Split('_').FirstOrDefault(ForbiddenWords.ContainsKey);
        return word is null
            ? named
            : throw DomainErrors.Invalid("name", $"'{named}' says '{word}', which is refused whatever the category: {ForbiddenWords[word]}");
    }

    public static PurposeCategory CheckCategory(PurposeCategory category) => category switch
    {
        PurposeCategory.Marketing => throw DomainErrors.Invalid("category", $"PURPOSE_CATEGORY_MARKETING is never registered: {MarketingReason}"),
        PurposeCategory.SaleToThirdParties => throw DomainErrors.Invalid("category", $"PURPOSE_CATEGORY_SALE_TO_THIRD_PARTIES is never registered: {SaleReason}"),
        _ when PurposeCategories.Permitted.Contains(category) => category,
        _ => throw DomainErrors.Invalid("category", "is required: one of " + string.Join(", ",
            PurposeCategories.Permitted.Select(c => "PURPOSE_CATEGORY_" + PurposeCategories.Name(c).ToUpperInvariant()))),
    };
}
