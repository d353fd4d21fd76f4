using System.Globalization;
using System.Text;

namespace ProcessorGateway.Docs.Tests;

/// <summary>
/// The anchor GitHub gives a heading (github-slugger's rules): lower-case, every character dropped that is
/// not a letter, digit, mark, connector (<c>_</c>), space or hyphen, then spaces turned into hyphens.
/// A link's <c>#fragment</c> must equal one of these to land on its heading.
/// </summary>
internal static class GitHubSlug
{
    public static string Of(string headingText)
    {
        var slug = new StringBuilder(headingText.Length);
        foreach (var c in headingText.ToLowerInvariant())
        {
            var category = char.GetUnicodeCategory(c);
            if (c is ' ' or '-')
            {
                slug.Append(c == ' ' ? '-' : c);
            }
            else if (char.IsLetterOrDigit(c) || category is UnicodeCategory.ConnectorPunctuation
                         or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                slug.Append(c);
            }
        }

        return slug.ToString();
    }
}
