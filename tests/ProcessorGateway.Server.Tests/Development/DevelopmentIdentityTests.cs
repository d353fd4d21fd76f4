using ProcessorGateway.Server.Development;

namespace ProcessorGateway.Server.Tests.Development;

public sealed class DevelopmentIdentityTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("pg-dev-identity-");

    [Fact]
    public async Task Gateways_starting_together_from_one_directory_end_up_with_one_identity_and_no_leftovers()
    {
        var identities = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => DevelopmentIdentity.LoadOrCreate(_directory.FullName))));

        Assert.Single(identities.Select(i => i.Id).Distinct());
        Assert.Single(identities.Select(i => i.SigningCertificate.Thumbprint).Distinct());
        Assert.Single(identities.Select(i => i.Issuer).Distinct());
        Assert.Equal([DevelopmentIdentity.FolderName], _directory.GetDirectories().Select(d => d.Name));
    }

    [Fact]
    public void Unreadable_keys_stop_the_start_with_a_message_saying_how_to_recover()
    {
        DevelopmentIdentity.LoadOrCreate(_directory.FullName);
        var folder = Path.Combine(_directory.FullName, DevelopmentIdentity.FolderName);
        File.WriteAllBytes(Path.Combine(folder, DevelopmentIdentity.SigningFile), [1, 2, 3]);

        var error = Assert.Throws<InvalidOperationException>(() => DevelopmentIdentity.LoadOrCreate(_directory.FullName));

        Assert.StartsWith($"The development token keys in {folder} cannot be read", error.Message, StringComparison.Ordinal);
        Assert.Contains("Delete that folder to make new ones", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
