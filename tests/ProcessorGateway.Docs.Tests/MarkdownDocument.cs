using System.Text.RegularExpressions;

namespace ProcessorGateway.Docs.Tests;

/// <summary>
/// The parts of a Markdown file the link checks need: its links (outside code) and the anchors of its
/// headings. Fenced code blocks and inline code spans are skipped, since text there is shown, not linked.
/// </summary>
internal sealed partial class MarkdownDocument
{
    private MarkdownDocument(string relativePath, IReadOnlyList<MarkdownLink> links, IReadOnlySet<string> anchors)
    {
        RelativePath = relativePath;
        Links = links;
        Anchors = anchors;
    }

    /// <summary>'/'-separated, from the repository root: how failures name the file.</summary>
    public string RelativePath { get; }

    public IReadOnlyList<MarkdownLink> Links { get; }

    public IReadOnlySet<string> Anchors { get; }

    public static MarkdownDocument Load(string relativePath)
    {
        var links = new List<MarkdownLink>();
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = File.ReadAllLines(RepositoryRoot.File(relativePath));
        string? fence = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.TrimStart();
            if (fence is not null)
            {
                fence = trimmed.StartsWith(fence, StringComparison.Ordinal) ? null : fence;
                continue;
            }

            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                fence = trimmed[..3];
                continue;
            }

            var text = CodeSpan().Replace(line, string.Empty);
            foreach (Match link in InlineLink().Matches(text))
            {
                links.Add(new MarkdownLink(link.Groups["target"].Value, i + 1));
            }

            if (ReferenceDefinition().Match(text) is { Success: true } definition)
            {
                links.Add(new MarkdownLink(definition.Groups["target"].Value, i + 1));
            }

            if (Heading().Match(line) is { Success: true } heading)
            {
                // GitHub slugs the rendered text: code markers and link targets do not count, and a repeated
                // heading gets -1, -2, ... after its first.
                var rendered = HeadingLink().Replace(heading.Groups["text"].Value.Replace("`", string.Empty, StringComparison.Ordinal), "${text}");
                var slug = GitHubSlug.Of(rendered);
                var count = seen.GetValueOrDefault(slug);
                seen[slug] = count + 1;
                anchors.Add(count == 0 ? slug : $"{slug}-{count}");
            }
        }

        return new MarkdownDocument(relativePath, links, anchors);
    }

    [GeneratedRegex(@"`+[^`]*`+")]
    private static partial Regex CodeSpan();

    // [text](target) and ![alt](target), with an optional "title" after the target.
    [GeneratedRegex(@"!?\[[^\]]*\]\(\s*<?(?<target>[^)\s>]+)>?(?:\s+""[^""]*"")?\s*\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^\s{0,3}\[[^\]]+\]:\s*<?(?<target>\S+?)>?(?:\s|$)")]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"^\s{0,3}#{1,6}\s+(?<text>.*?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\([^)]*\)")]
    private static partial Regex HeadingLink();
}
