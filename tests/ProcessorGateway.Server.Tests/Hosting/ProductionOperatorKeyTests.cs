using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Core.Clients;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Server.Hosting;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Hosting;

/// <summary>Outside Development an operator authenticates only with a key (private_key_jwt); tenant clients keep their choice.</summary>
public sealed class ProductionOperatorKeyTests : IDisposable
{
    private readonly ProductionSettings _production = new();

    [Fact]
    public async Task Production_bootstrap_operator_with_only_a_secret_refuses_to_start_naming_the_public_key_setting()
    {
        var settings = _production.Complete(typeof(ProductionOperatorKeyTests));
        settings["Gateway:Auth:BootstrapOperator:PublicKeyPath"] = null;
        settings["Gateway:Auth:BootstrapOperator:Secret"] = GatewayFixture.OperatorSecret;

        var error = await StartFailsAsync(settings);

        Assert.Contains("Gateway:Auth:BootstrapOperator:PublicKeyPath is required outside Development", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_bootstrap_operator_with_a_weak_key_refuses_to_start_naming_the_setting()
    {
        var settings = _production.Complete(typeof(ProductionOperatorKeyTests));
        using var weak = ClientKey.CreateRsa(1024);
        settings["Gateway:Auth:BootstrapOperator:PublicKeyPath"] = weak.WritePublicKey(_production.Directory, "weak.pub.pem");

        var error = await StartFailsAsync(settings);

        Assert.Contains("Gateway:Auth:BootstrapOperator:PublicKeyPath: is an RSA key of 1024 bits", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_refuses_an_operators_shared_secret_while_a_tenant_clients_secret_still_works()
    {
        var settings = _production.Complete(typeof(ProductionOperatorKeyTests));
        await using var app = GatewayApplication.Create([], b => b.Configuration.AddInMemoryCollection(settings), Environments.Production);
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        try
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
            var tokenEndpoint = new Uri(addresses[1], "/connect/token");
            using var tls = TestTls.TrustingOnly(settings["Gateway:Listen:TlsCertificatePath"]!);
            using var http = new HttpClient(tls.Handler(), disposeHandler: false);

            // The bootstrap operator, with its key, runs operator RPCs.
            var operatorToken = await TokenAsync(http, tokenEndpoint, ClientKey.Form(_production.Operator.Assertion(GatewayFixture.OperatorClientId, tokenEndpoint)));
            using var channel = Channel(addresses[0], tls, operatorToken.Body);
            var tenants = new TenantService.TenantServiceClient(channel);
            var tenant = "prod-keys-" + Guid.NewGuid().ToString("N")[..8];
            await tenants.CreateTenantAsync(new CreateTenantRequest { TenantId = tenant, DisplayName = "Production school", Templates = { "attendance" } }).Within();

            // A tenant client registered with a secret gets a token with it.
            var tenantClient = await tenants.RegisterClientAsync(new RegisterClientRequest
            {
                TenantId = tenant, DisplayName = "school app", Scopes = { Scopes.RecordsRead }, Purposes = { Purposes.Attendance },
            }).Within();
            var tenantToken = await TokenAsync(http, tokenEndpoint, SecretForm(tenantClient.Client.ClientId, tenantClient.ClientSecret));
            Assert.True(tenantToken.Status == HttpStatusCode.OK, tenantToken.Body);

            // An operator client is registered only with a key...
            await RpcAssert.InvalidArgumentAsync("public_key_pem", () => tenants.RegisterClientAsync(new RegisterClientRequest
            {
                DisplayName = "operator with a secret", Scopes = { Scopes.TenantsAdmin },
            }).Within());

            // ...and one that has a secret (registered in Development, before this rule) gets no token with it.
            const string LegacySecret = "legacy-operator-secret-0123456789abcdef";
            await app.Services.GetRequiredService<ClientService>().EnsureSystemClientAsync(
                "legacy-operator", tenantId: null, "Legacy operator", Scopes.All, Purposes.Standard, LegacySecret, CancellationToken.None);
            var refused = await TokenAsync(http, tokenEndpoint, SecretForm("legacy-operator", LegacySecret));
            var unknown = await TokenAsync(http, tokenEndpoint, SecretForm("no-such-client", LegacySecret));
            Assert.Contains("\"invalid_client\"", refused.Body, StringComparison.Ordinal);
            Assert.Equal(unknown.Body, refused.Body);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    public void Dispose() => _production.Dispose();

    private static async Task<string> StartFailsAsync(Dictionary<string, string?> settings)
    {
        await using var app = GatewayApplication.Create([], b => b.Configuration.AddInMemoryCollection(settings), Environments.Production);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync().WaitAsync(TimeSpan.FromSeconds(60)));
        return error.ToString();
    }

    private static Dictionary<string, string> SecretForm(string clientId, string secret) =>
        new() { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret };

    private static async Task<(HttpStatusCode Status, string Body)> TokenAsync(HttpClient http, Uri tokenEndpoint, Dictionary<string, string> form)
    {
        using var content = new FormUrlEncodedContent(form);
        using var response = await http.PostAsync(tokenEndpoint, content).WaitAsync(RpcAssert.Timeout);
        var body = await response.Content.ReadAsStringAsync();
        if (response.IsSuccessStatusCode)
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            return (response.StatusCode, json.RootElement.GetProperty("access_token").GetString()!);
        }

        return (response.StatusCode, body);
    }

    private static GrpcChannel Channel(Uri address, TestTls tls, string token) =>
        GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = tls.Handler(),
            Credentials = ChannelCredentials.Create(ChannelCredentials.SecureSsl, CallCredentials.FromInterceptor((_, metadata) =>
            {
                metadata.Add("Authorization", $"Bearer {token}");
                return Task.CompletedTask;
            })),
        });
}
