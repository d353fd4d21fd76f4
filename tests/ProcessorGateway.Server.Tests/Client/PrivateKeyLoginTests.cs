using System.Text.Json;
using ProcessorGateway.Client;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Server.Tests.Auth;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Client;

/// <summary>
/// The client library and pgctl logging in with a private key (private_key_jwt) against a real gateway: a fresh
/// assertion for every token request, which the gateway's replay check (in the real Redis) accepts each time.
/// </summary>
public sealed class PrivateKeyLoginTests(KeyAuthGatewayFixture gateway) : IClassFixture<KeyAuthGatewayFixture>, IDisposable
{
    private readonly GrpcTestClients _operator = new(gateway.Channel);
    private readonly string _directory = Directory.CreateTempSubdirectory("pg-keys-").FullName;

    [Theory]
    [InlineData("ecdsa")]
    [InlineData("rsa")]
    public async Task The_client_library_signs_assertions_with_a_private_key_file_and_calls_operator_rpcs(string kind)
    {
        using var key = kind == "rsa" ? ClientKey.CreateRsa() : ClientKey.CreateEcdsa();
        var id = await RegisterOperatorAsync(key);
        using var connection = GatewayConnection.Create(new GatewayClientOptions
        {
            Address = gateway.Address,
            TokenEndpoint = gateway.TokenEndpoint,
            ClientId = id,
            PrivateKeyPath = key.WritePrivateKey(_directory, $"{kind}.key.pem"),
            AllowInsecureLoopback = true,
        });

        var clients = await connection.Tenants.ListClientsAsync(new ListClientsRequest()).Within();
        var first = await connection.Tokens.GetTokenAsync(CancellationToken.None);
        connection.Tokens.Invalidate(first);
        var second = await connection.Tokens.GetTokenAsync(CancellationToken.None);

        Assert.Contains(clients.Clients, c => c.ClientId == id);
        Assert.NotEqual(first.Value, second.Value);
    }

    [Fact]
    public async Task Pgctl_logs_in_with_private_key_and_registers_a_client_with_a_public_key()
    {
        using var key = ClientKey.CreateEcdsa();
        using var registeredKey = ClientKey.CreateRsa();
        var id = await RegisterOperatorAsync(key);
        string[] login = ["--address", gateway.Address.ToString(), "--token-endpoint", gateway.TokenEndpoint.ToString(), "--client-id", id,
            "--private-key", key.WritePrivateKey(_directory)];

        var listed = await PgctlRunner.RunAsync([.. login, "client", "list"]);
        var registered = await PgctlRunner.RunAsync([.. login, "--json", "client", "register", "--cross-tenant", "--name", "second operator",
            "--scope", "tenants.admin", "--public-key", registeredKey.WritePublicKey(_directory, "second.pub.pem")]);

        Assert.True(listed.ExitCode == 0, listed.Error);
        Assert.Contains(id, listed.Output, StringComparison.Ordinal);
        Assert.True(registered.ExitCode == 0, registered.Error);
        var reply = JsonDocument.Parse(registered.Output).RootElement;
        Assert.False(reply.TryGetProperty("client_secret", out var secret) && secret.GetString()!.Length > 0, registered.Output);
        Assert.Equal(64, reply.GetProperty("client").GetProperty("public_key_sha256").GetString()!.Length);
        Assert.Empty(registered.Error);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<string> RegisterOperatorAsync(ClientKey key) =>
        (await _operator.Tenants.RegisterClientAsync(new RegisterClientRequest
        {
            DisplayName = "key operator", Scopes = { Scopes.All }, PublicKeyPem = key.PublicKeyPem,
        }).Within()).Client.ClientId;
}
