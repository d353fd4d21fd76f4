using System.Text.RegularExpressions;

namespace ProcessorGateway.Docs.Tests;

/// <summary>The README is the front door: short, and its Quick start block is what CI and newcomers run.</summary>
public sealed partial class ReadmeTests
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
        // The same reading as the checker and .ci/run rely on (an awk script): the section ends at the next line that
        // starts with '#' and a space, even inside a fenced block, so a shell comment in the block would end it;
        // the commands are the section's fenced lines that are neither blank nor comments.
        var lines = File.ReadAllLines(RepositoryRoot.File("README.md"));
        var heading = Array.FindIndex(lines, l => QuickStartHeading().IsMatch(l));
        Assert.True(heading >= 0, "README.md has no 'Quick start' heading.");

        var commands = new List<string>();
        var inBlock = false;
        foreach (var line in lines.Skip(heading + 1))
        {
            if (AnyHeading().IsMatch(line))
            {
                break;
            }

            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = !inBlock;
                continue;
            }

            var trimmed = line.Trim();
            if (inBlock && trimmed.Length > 0 && !trimmed.StartsWith('#'))
            {
                commands.Add(trimmed);
            }
        }

        Assert.True(commands is ["scripts/run.sh", "scripts/test.sh", ..],
            $"README.md's Quick start block must run 'scripts/run.sh' and then 'scripts/test.sh' (its first two command lines); it has: {string.Join(" | ", commands)}");
    }

    [GeneratedRegex("^#+ *quick ?start", RegexOptions.IgnoreCase)]
    private static partial Regex QuickStartHeading();

    [GeneratedRegex("^#+ ")]
    private static partial Regex AnyHeading();
}
