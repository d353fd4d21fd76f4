using System.Text.Json;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Development;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Development;

/// <summary>
/// The development gateway as scripts/run.sh starts it (its own process, Development, a credentials path): the
/// secrets go to the credentials file, mode 0600, and nowhere else; the banner says where they are and how to use them.
/// </summary>
// File modes are what is under test: Unix only, as the development scripts are.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DevelopmentSetupTests : IAsyncLifetime
{
    private const string TenantId = "dev-banner-school";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("pg-dev-setup-");
    private GatewayProcess _gateway = null!;

    private string CredentialsPath => Path.Combine(_directory.FullName, ".dev", "dev-credentials.json");

    public async Task InitializeAsync()
    {
        // A file left by an earlier run, readable by everyone: it must be replaced, not written into with its mode.
        Directory.CreateDirectory(Path.GetDirectoryName(CredentialsPath)!);
        await File.WriteAllTextAsync(CredentialsPath, """{"stale": true}""");
        File.SetUnixFileMode(CredentialsPath, (UnixFileMode)0b110_100_100);

        var settings = GatewayFixture.SettingsFor(TestServers.DatabaseFor(GetType()));
        settings["Gateway:Dev:SeedTenant"] = "true";
        settings["Gateway:Dev:TenantId"] = TenantId;
        settings["Gateway:Dev:CredentialsPath"] = CredentialsPath;
        _gateway = await GatewayProcess.StartAsync(settings);
        await _gateway.WaitForOutputAsync("authorization: Bearer <access_token>");
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task Banner_and_logs_name_the_clients_and_the_file_but_never_a_secret_even_after_the_secrets_are_used()
    {
        var credentials = ReadCredentials();
        var (clientId, secret) = (credentials.GetProperty("client_id").GetString()!, credentials.GetProperty("client_secret").GetString()!);
        var (operatorId, operatorSecret) = (credentials.GetProperty("operator_client_id").GetString()!, credentials.GetProperty("operator_client_secret").GetString()!);

        // The secrets work (so the file holds this run's), and using them makes the token endpoint log its requests.
        using var tenantChannel = await _gateway.CreateChannelAsync(clientId, secret);
        using var operatorChannel = await _gateway.CreateChannelAsync(operatorId, operatorSecret);
        var schemas = await new SchemaService.SchemaServiceClient(tenantChannel).ListSchemasAsync(new ListSchemasRequest { TenantId = TenantId }).Within();
        var tenant = await new TenantService.TenantServiceClient(operatorChannel).GetTenantAsync(new GetTenantRequest { TenantId = TenantId }).Within();
        var output = await QuietOutputAsync();

        Assert.Equal(7, schemas.Schemas.Count);
        Assert.Equal(TenantId, tenant.TenantId);
        Assert.Contains(DevelopmentBanner.ReadyLine, output, StringComparison.Ordinal);
        Assert.Contains($"development tenant:                            {TenantId}", output, StringComparison.Ordinal);
        Assert.Contains($"tenant client:                                 {clientId}", output, StringComparison.Ordinal);
        Assert.Contains($"operator client:                               {operatorId}", output, StringComparison.Ordinal);
        Assert.Contains($"credentials file (mode 0600):                  {CredentialsPath}", output, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
        Assert.DoesNotContain(operatorSecret, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_file_replaces_a_world_readable_one_and_is_readable_by_its_owner_only()
    {
        var credentials = ReadCredentials();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(CredentialsPath));
        Assert.Equal(TenantId, credentials.GetProperty("tenant_id").GetString());
        Assert.False(credentials.TryGetProperty("stale", out _));
        Assert.Equal([CredentialsPath], Directory.GetFiles(Path.GetDirectoryName(CredentialsPath)!));
    }

    private JsonElement ReadCredentials() => JsonDocument.Parse(File.ReadAllText(CredentialsPath)).RootElement;

    /// <summary>The output once the console logger has written what the calls logged: no new line for half a second (at most 10 s).</summary>
    private async Task<string> QuietOutputAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var output = _gateway.Output();
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            var now = _gateway.Output();
            if (now.Length == output.Length)
            {
                return now;
            }

            output = now;
        }

        return output;
    }
}
