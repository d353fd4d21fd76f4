namespace ProcessorGateway.Core.Crypto;

/// <summary>
/// What a name query means, checked on decrypted names (docs/search.md#matching): each query word is the start of
/// a word of the name, in the query's order, each on a word of its own. Tokens carry no order or position, so the
/// database also returns names that hold the prefixes in another order ("jos mar" finds "María José") or on one word
/// ("mar mari"); this check drops them, and matches query words too short to have a token.
/// </summary>
public static class NameMatch
{
    public static bool Matches(IReadOnlyList<string> queryWords, string name)
    {
        ArgumentNullException.ThrowIfNull(queryWords);
        var words = NameNormalisation.Words(name);
        var next = 0;
        foreach (var query in queryWords)
        {
            while (next < words.Count && !words[next].StartsWith(query, StringComparison.Ordinal))
            {
                next++;
            }

            if (next == words.Count)
            {
                return false;
            }

            next++;
        }

        return true;
    }
}
