namespace ProcessorGateway.Docs.Tests;

/// <summary>One link target written in a Markdown file, with the line it is on (from 1), as the author wrote it.</summary>
internal sealed record MarkdownLink(string Target, int Line)
{
    public override string ToString() => $"line {Line}: ({Target})";
}
