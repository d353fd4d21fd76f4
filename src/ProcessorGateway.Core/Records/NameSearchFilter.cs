using System.Globalization;
using ProcessorGateway.Core.Crypto;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Records;

/// <summary>
/// A checked name search of one query (docs/search.md): the tokens the store matches, and the ordered check of the
/// decrypted name that drops what tokens alone cannot rule out.
/// </summary>
internal sealed class NameSearchFilter
{
    /// <summary>More words than a name query needs; each costs a token match.</summary>
    public const int MaxWords = 8;

    /// <summary>Longer than any name a person types into a search box.</summary>
    public const int MaxTextLength = 200;

    private const string FieldPath = "name_prefix.field";
    private const string TextPath = "name_prefix.text";

    private readonly string _field;
    private readonly IReadOnlyList<string> _words;

    private NameSearchFilter(string field, IReadOnlyList<string> words, IReadOnlyList<byte[]> tokens)
    {
        _field = field;
        _words = words;
        Tokens = tokens;
    }

    /// <summary>The tokens every candidate record holds, one per query word long enough to have one.</summary>
    public IReadOnlyList<byte[]> Tokens { get; }

    /// <returns><c>null</c> when the query has no name search.</returns>
    public static NameSearchFilter? Resolve(
        CollectionSchema schema, NamePrefixQuery? query, string purpose, bool analytics, KeyMaterial indexKey, RequestFingerprint fingerprint)
    {
        if (query is null)
        {
            return null;
        }

        var definition = RecordFields.Definition(schema, query.Field, FieldPath);
        if (!definition.NameSearch)
        {
            throw DomainErrors.Invalid(FieldPath, $"field '{definition.Name}' is not searchable by name; its schema must set name_search (personal_searchable string fields only)");
        }

        // A search on a field answers whether a record holds a name starting so: that is a read of the field.
        if (!definition.IsReadableFor(purpose) || (analytics && !definition.IsReadableForAnalytics))
        {
            throw DomainErrors.PurposeMayNotSearch(FieldPath, purpose, definition.Name);
        }

        if (string.IsNullOrWhiteSpace(query.Text))
        {
            throw DomainErrors.Required(TextPath);
        }

        if (query.Text.Length > MaxTextLength)
        {
            throw DomainErrors.Invalid(TextPath, string.Create(CultureInfo.InvariantCulture, $"at most {MaxTextLength} characters"));
        }

        var words = NameNormalisation.Words(query.Text);
        if (words.Count > MaxWords)
        {
            throw DomainErrors.Invalid(TextPath, string.Create(CultureInfo.InvariantCulture, $"at most {MaxWords} words"));
        }

        using var key = NamePrefixKey.Derive(indexKey);
        var tokens = words.Select(w => key.QueryToken(schema.Collection, definition.Name, w)).OfType<byte[]>().DistinctBy(Convert.ToHexString).ToList();
        if (tokens.Count == 0)
        {
            // One or two letters would match most of a tenant's records, and have no token anyway.
            throw DomainErrors.Invalid(TextPath, string.Create(CultureInfo.InvariantCulture,
                $"a name search on field '{definition.Name}' needs at least one word of {NamePrefixKey.MinPrefixLength} letters or more ({NamePrefixKey.MinIdeographicPrefixLength} Chinese characters or kana); shorter words only narrow it"));
        }

        // Keyed like every other part of the fingerprint: the words never reach a page token in the clear.
        fingerprint.Add("name_prefix").Add(definition.Name).Add(words.Count);
        foreach (var word in words)
        {
            fingerprint.Add(word);
        }

        return new NameSearchFilter(definition.Name, words, tokens);
    }

    /// <summary>Whether the record, as the purpose sees it, holds a name that truly matches; a masked name never does.</summary>
    public bool Matches(RecordView view) =>
        view.Fields.TryGetValue(_field, out var value) && value is StringValue name && NameMatch.Matches(_words, name.Value);
}
