namespace ProcessorGateway.Docs.Tests;

/// <summary>
/// Every link in README.md and docs/ works from a fresh clone: relative links land on a file of the repository
/// (and, with a #fragment, on a heading of it), and absolute links go only to public web sites.
/// </summary>
public sealed class DocumentationLinkTests
{
    private static readonly IReadOnlyList<MarkdownDocument> Documents = DocumentationFiles.All().Select(MarkdownDocument.Load).ToList();

    [Fact]
    public void Every_relative_link_in_the_readme_and_docs_resolves_to_a_file_inside_the_repository()
    {
        var checkedLinks = 0;
        var failures = new List<string>();
        foreach (var document in Documents)
        {
            foreach (var link in document.Links.Where(l => LinkTarget.IsRelative(l.Target)))
            {
                checkedLinks++;
                if (LinkTarget.ResolveProblem(document, link.Target) is { } problem)
                {
                    failures.Add($"{document.RelativePath} {link}: {problem}");
                }
            }
        }

        Assert.True(checkedLinks > 0, "No relative link was found in README.md or docs/: the link check would pass for nothing.");
        Assert.True(failures.Count == 0, "Broken links:" + Environment.NewLine + string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Every_fragment_in_the_readme_and_docs_names_a_heading_of_its_target()
    {
        var checkedFragments = 0;
        var failures = new List<string>();
        foreach (var document in Documents)
        {
            foreach (var link in document.Links.Where(l => LinkTarget.IsRelative(l.Target) && l.Target.Contains('#', StringComparison.Ordinal)))
            {
                checkedFragments++;
                if (LinkTarget.ResolveProblem(document, link.Target) is null && LinkTarget.FragmentProblem(document, link.Target) is { } problem)
                {
                    failures.Add($"{document.RelativePath} {link}: {problem}");
                }
            }
        }

        Assert.True(checkedFragments > 0, "No link with a #fragment was found in README.md or docs/: the fragment check would pass for nothing.");
        Assert.True(failures.Count == 0, "Links to headings that do not exist:" + Environment.NewLine + string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Absolute_links_in_the_readme_and_docs_go_only_to_public_web_sites()
    {
        var failures = Documents
            .SelectMany(d => d.Links.Where(l => !LinkTarget.IsRelative(l.Target))
                .Select(l => (Document: d, Link: l, Problem: LinkTarget.AbsoluteProblem(l.Target))))
            .Where(x => x.Problem is not null)
            .Select(x => $"{x.Document.RelativePath} {x.Link}: {x.Problem}")
            .ToList();

        Assert.True(failures.Count == 0, "Links that leave the repository for somewhere a reader cannot follow:" + Environment.NewLine + string.Join(Environment.NewLine, failures));
    }
}
