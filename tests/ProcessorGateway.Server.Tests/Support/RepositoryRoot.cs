namespace ProcessorGateway.Server.Tests.Support;

/// <summary>The checkout the tests run from: the folder holding the solution, found by walking up from the test binaries.</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> LazyPath = new(Find);

    public static string Path => LazyPath.Value;

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            // scripts/lib/services.sh accepts either solution format; so does this.
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "ProcessorGateway.sln")) ||
                File.Exists(System.IO.Path.Combine(directory.FullName, "ProcessorGateway.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no ProcessorGateway.sln (or .slnx) above {AppContext.BaseDirectory}");
    }
}
