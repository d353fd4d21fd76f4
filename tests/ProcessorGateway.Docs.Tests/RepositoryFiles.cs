namespace ProcessorGateway.Docs.Tests;

/// <summary>
/// The repository's own text files, found by walking the checkout rather than asking git (the tests also run
/// from a copy without .git): build output, installed packages, local tools and git's own files are left out.
/// </summary>
internal static class RepositoryFiles
{
    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.Ordinal)
    {
        ".git", ".dev", ".vs", ".idea", "bin", "obj", "node_modules", "TestResults", "BenchmarkDotNet.Artifacts",
    };

    // In a git worktree .git is a file naming the main checkout's path: git's, not the repository's.
    private static readonly HashSet<string> SkippedFiles = new(StringComparer.Ordinal) { ".git" };

    /// <summary>'/'-separated paths from the repository root of every file that holds text (no NUL in its first 8 KiB).</summary>
    public static IEnumerable<string> Text()
    {
        var pending = new Stack<string>();
        pending.Push(RepositoryRoot.Path);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var child in Directory.EnumerateDirectories(directory))
            {
                if (!SkippedDirectories.Contains(Path.GetFileName(child)))
                {
                    pending.Push(child);
                }
            }

            foreach (var file in Directory.EnumerateFiles(directory))
            {
                if (!SkippedFiles.Contains(Path.GetFileName(file)) && IsText(file))
                {
                    yield return Relative(file);
                }
            }
        }
    }

    public static string Relative(string fullPath) =>
        Path.GetRelativePath(RepositoryRoot.Path, fullPath).Replace(Path.DirectorySeparatorChar, '/');

    private static bool IsText(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> head = stackalloc byte[8192];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return !head[..read].Contains((byte)0);
    }
}
