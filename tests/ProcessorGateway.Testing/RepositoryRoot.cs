namespace ProcessorGateway.Testing;

/// <summary>
/// The checkout the tests run from: the folder holding ProcessorGateway.sln, found by walking up from the test binaries.
/// (Docs.Tests keeps a copy of its own: it reads only the repository's files and references no project.)
/// </summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> LazyPath = new(Find);

    public static string Path => LazyPath.Value;

    /// <summary>A path inside the repository, from its '/'-separated relative form.</summary>
    public static string File(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        return System.IO.Path.Combine(Path, relativePath.Replace('/', System.IO.Path.DirectorySeparatorChar));
    }

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "ProcessorGateway.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("no ProcessorGateway.sln above " + AppContext.BaseDirectory);
    }
}
