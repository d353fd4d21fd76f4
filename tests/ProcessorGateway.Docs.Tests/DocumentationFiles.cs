namespace ProcessorGateway.Docs.Tests;

/// <summary>The documentation the link checks cover: README.md and every Markdown file under docs/.</summary>
internal static class DocumentationFiles
{
    public static IReadOnlyList<string> All()
    {
        var docs = Path.Combine(RepositoryRoot.Path, "docs");
        var files = Directory.Exists(docs)
            ? Directory.EnumerateFiles(docs, "*.md", SearchOption.AllDirectories).Select(RepositoryFiles.Relative)
            : [];
        return ["README.md", .. files.Order(StringComparer.Ordinal)];
    }
}
