using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Development;
using ProcessorGateway.Server.Tests.Auth;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Development;

/// <summary>
/// Development deployments, each with a <c>.dev/</c> directory of its own, over one database with the same operator
/// client: only their keys and issuers differ, and that is enough for each to refuse the other's tokens.
/// </summary>
// File modes are under test: Unix only, as the development scripts are.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DevelopmentIsolationTests : IAsyncLifetime
{
    private readonly string _database = TestServers.DatabaseFor(typeof(DevelopmentIsolationTests));
    private readonly DirectoryInfo _first = Directory.CreateTempSubdirectory("pg-dev-a-");
    private readonly DirectoryInfo _second = Directory.CreateTempSubdirectory("pg-dev-b-");
    private readonly List<GatewayReplica> _running = [];

    [Fact]
    public async Task Two_development_deployments_refuse_each_others_tokens_and_each_accepts_its_own()
    {
        var first = await StartAsync(_first);
        var second = await StartAsync(_second);
        var firstToken = await first.GetTokenAsync(GatewayFixture.OperatorClientId, GatewayFixture.OperatorSecret);
        var secondToken = await second.GetTokenAsync(GatewayFixture.OperatorClientId, GatewayFixture.OperatorSecret);

        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => ListClientsAsync(second, firstToken));
        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => ListClientsAsync(first, secondToken));
        await ListClientsAsync(first, firstToken);
        await ListClientsAsync(second, secondToken);
        Assert.NotEqual(Issuer(first), Issuer(second));
        Assert.NotEqual(TokenForge.ServerSigningCredentials(first).Key.KeyId, TokenForge.ServerSigningCredentials(second).Key.KeyId);
    }

    [Fact]
    public async Task A_restarted_development_deployment_accepts_the_tokens_it_issued_before()
    {
        var before = await StartAsync(_first);
        var token = await before.GetTokenAsync(GatewayFixture.OperatorClientId, GatewayFixture.OperatorSecret);
        var issuer = Issuer(before);
        await StopAsync(before);

        var after = await StartAsync(_first);

        await ListClientsAsync(after, token);
        Assert.Equal(issuer, Issuer(after));
        Assert.Equal(issuer.AbsoluteUri, JwtParts.Decode(token).Payload["iss"]!.GetValue<string>());
    }

    [Fact]
    public async Task Development_token_keys_are_owner_only_files_in_the_deployment_directory()
    {
        var gateway = await StartAsync(_first);
        var folder = Path.Combine(_first.FullName, DevelopmentIdentity.FolderName);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        foreach (var file in new[] { DevelopmentIdentity.IdFile, DevelopmentIdentity.SigningFile, DevelopmentIdentity.EncryptionFile })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, file)));
        }

        var id = (await File.ReadAllTextAsync(Path.Combine(folder, DevelopmentIdentity.IdFile))).Trim();
        Assert.Equal(new Uri($"https://localhost/processorgateway-dev/{id}/"), Issuer(gateway));
        Assert.Empty(Directory.GetDirectories(_first.FullName, ".*"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var gateway in _running.ToList())
        {
            await StopAsync(gateway);
        }

        _first.Delete(recursive: true);
        _second.Delete(recursive: true);
    }

    private static Uri Issuer(GatewayFixture gateway) =>
        gateway.Services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue.Issuer!;

    private static async Task ListClientsAsync(GatewayFixture gateway, string token)
    {
        using var channel = gateway.CreateChannel(token);
        var clients = await new TenantService.TenantServiceClient(channel).ListClientsAsync(new ListClientsRequest()).Within();
        Assert.Contains(clients.Clients, c => c.ClientId == GatewayFixture.OperatorClientId);
    }

    private async Task<GatewayReplica> StartAsync(DirectoryInfo directory)
    {
        var gateway = new GatewayReplica(_database, new Dictionary<string, string?> { ["Gateway:Dev:Directory"] = directory.FullName });
        _running.Add(gateway);
        await gateway.InitializeAsync();
        return gateway;
    }

    private async Task StopAsync(GatewayReplica gateway)
    {
        _running.Remove(gateway);
        await gateway.DisposeAsync();
    }
}
