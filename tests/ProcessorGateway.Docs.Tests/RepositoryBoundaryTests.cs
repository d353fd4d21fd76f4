namespace ProcessorGateway.Docs.Tests;

/// <summary>
/// The repository stands on its own: no file in it names a path outside it, such as the design notes,
/// test data or tools that sat beside the checkout where it was first written.
/// </summary>
public sealed class RepositoryBoundaryTests
{
    // Built from pieces so that this file does not match itself.
    private static readonly string[] OutsidePaths =
    [
        string.Concat("..", "/shared/"),
        string.Concat("..", "\\shared\\"),
        string.Concat("/", "work", "/"),
    ];

    [Fact]
    public void No_file_in_the_repository_refers_to_a_path_outside_it()
    {
        var scanned = new List<string>();
        var failures = new List<string>();
        foreach (var file in RepositoryFiles.Text())
        {
            scanned.Add(file);
            var lines = File.ReadAllLines(RepositoryRoot.File(file));
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (var outside in OutsidePaths.Where(p => lines[i].Contains(p, StringComparison.Ordinal)))
                {
                    failures.Add($"{file} line {i + 1}: refers to '{outside}' outside the repository: {lines[i].Trim()}");
                }
            }
        }

        Assert.True(scanned.Contains("README.md") && scanned.Contains("ProcessorGateway.sln"),
            $"The scan did not reach the repository's own files (it read {scanned.Count}): it would pass for nothing.");
        Assert.True(failures.Count == 0,
            "Files that point outside the repository (bring what they name into it, e.g. docs/, and refer to that):"
            + Environment.NewLine + string.Join(Environment.NewLine, failures));
    }
}
