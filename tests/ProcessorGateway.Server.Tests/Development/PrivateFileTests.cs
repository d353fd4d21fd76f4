using ProcessorGateway.Server.Development;

namespace ProcessorGateway.Server.Tests.Development;

// File modes are what is under test: Unix only, as the development scripts are.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PrivateFileTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("pg-private-file-");

    [Fact]
    public async Task New_file_is_readable_by_its_owner_only_in_a_directory_it_creates()
    {
        var path = Path.Combine(_directory.FullName, "nested", "secret.json");

        await PrivateFile.WriteAsync(path, "{}", CancellationToken.None);

        Assert.Equal("{}", await File.ReadAllTextAsync(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task World_readable_file_is_replaced_whole_and_no_temporary_file_is_left()
    {
        var path = Path.Combine(_directory.FullName, "secret.json");
        await File.WriteAllTextAsync(path, "an older and much longer content");
        File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);

        await PrivateFile.WriteAsync(path, "new", CancellationToken.None);

        Assert.Equal("new", await File.ReadAllTextAsync(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal([path], Directory.GetFiles(_directory.FullName));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
