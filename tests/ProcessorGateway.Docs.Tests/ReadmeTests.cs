namespace ProcessorGateway.Docs.Tests;

/// <summary>The README is the front door: short, and its Quick start block is what CI and newcomers run.</summary>
public sealed class ReadmeTests
{
    private const int MaxReadmeBytes = 15 * 1024;

    [Fact]
    public void Readme_is_at_most_15_KB()
    {
        var size = new FileInfo(RepositoryRoot.File("README.md")).Length;

        Assert.True(size <= MaxReadmeBytes,
            $"README.md is {size} bytes, over the front door's limit of {MaxReadmeBytes} bytes (15 KB): move reference material to a file in docs/ and link it.");
    }

    [Fact]
    public void Readme_quick_start_runs_the_gateway_then_the_tests()
    {
        // The same reading as the checker and .ci/run rely on: the first fenced block under "## Quick start",
        // its first two lines that are neither blank nor comments.
        var lines = File.ReadAllLines(RepositoryRoot.File("README.md"));
        var heading = Array.FindIndex(lines, l => l.Trim() == "## Quick start");
        Assert.True(heading >= 0, "README.md has no '## Quick start' heading.");
        var open = Array.FindIndex(lines, heading + 1, l => l.TrimStart().StartsWith("```", StringComparison.Ordinal));
        Assert.True(open > heading, "README.md has no fenced code block under '## Quick start'.");

        var commands = lines.Skip(open + 1)
            .TakeWhile(l => !l.TrimStart().StartsWith("```", StringComparison.Ordinal))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Take(2)
            .ToList();

        Assert.True(commands is ["scripts/run.sh", "scripts/test.sh"],
            $"README.md's Quick start block must run 'scripts/run.sh' and then 'scripts/test.sh' (its first two command lines); it has: {string.Join(" | ", commands)}");
    }
}
