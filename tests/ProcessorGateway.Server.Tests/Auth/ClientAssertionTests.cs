using System.Net;
using Grpc.Core;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Server.Auth;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Auth;

/// <summary>
/// private_key_jwt (RFC 7523) at the real token endpoint of a real gateway, replays checked in the real Redis: clients
/// registered with a public key get tokens only with fresh, short-lived assertions their own key signed for this gateway.
/// </summary>
public sealed class ClientAssertionTests(KeyAuthGatewayFixture gateway) : IClassFixture<KeyAuthGatewayFixture>
{
    private readonly GrpcTestClients _operator = new(gateway.Channel);

    [Fact]
    public async Task An_operator_with_a_key_pair_gets_a_token_and_calls_an_operator_rpc()
    {
        using var key = ClientKey.CreateEcdsa();
        var registered = await RegisterAsync(tenantId: null, key);

        using var channel = await gateway.CreateChannelAsync(registered.Client.ClientId, key);
        var clients = await new TenantService.TenantServiceClient(channel).ListClientsAsync(new ListClientsRequest()).Within();

        var listed = Assert.Single(clients.Clients, c => c.ClientId == registered.Client.ClientId);
        Assert.Equal(64, listed.PublicKeySha256.Length);
        Assert.Equal(string.Empty, listed.TenantId);
    }

    [Fact]
    public async Task A_tenant_client_with_an_RSA_key_gets_a_token_with_an_RS256_assertion_for_the_issuer()
    {
        var tenant = await TenantAsync();
        using var key = ClientKey.CreateRsa();
        var registered = await RegisterAsync(tenant, key);
        var issuer = new Uri(JwtParts.Decode(await gateway.GetTokenAsync(GatewayFixture.OperatorClientId, GatewayFixture.OperatorSecret)).Payload["iss"]!.GetValue<string>());

        var reply = await TokenEndpoint.PostFormAsync(gateway, ClientKey.Form(key.Assertion(registered.Client.ClientId, issuer), registered.Client.ClientId));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(tenant, JwtParts.Decode(reply.AccessToken).Payload["pg_tenant"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_replayed_assertion_is_refused()
    {
        using var key = ClientKey.CreateEcdsa();
        var id = (await RegisterAsync(tenantId: null, key)).Client.ClientId;
        var assertion = key.Assertion(id, gateway.TokenEndpoint);

        var first = await TokenEndpoint.PostFormAsync(gateway, ClientKey.Form(assertion));
        var again = await TokenEndpoint.PostFormAsync(gateway, ClientKey.Form(assertion));
        var sameJwtIdResigned = await TokenEndpoint.PostFormAsync(gateway, ClientKey.Form(key.Assertion(id, gateway.TokenEndpoint, jwtId: JwtId(assertion))));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        AssertInvalidClient(again);
        AssertInvalidClient(sameJwtIdResigned);

        // Remembered where every replica looks, until the assertion's exp (a minute) plus the clock skew.
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        var ttl = await redis.GetDatabase().KeyTimeToLiveAsync(RedisClientAssertionReplayGuard.Key("processorgateway", id, JwtId(assertion)));
        Assert.InRange(ttl ?? TimeSpan.Zero, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task An_assertion_signed_by_another_key_is_refused_as_one_naming_an_unknown_client_is()
    {
        using var key = ClientKey.CreateEcdsa();
        using var other = ClientKey.CreateEcdsa();
        var id = (await RegisterAsync(tenantId: null, key)).Client.ClientId;

        var forged = await TokenEndpoint.PostFormAsync(gateway, ClientKey.Form(other.Assertion(id, gateway.TokenEndpoint)));
        var unknown = await TokenEndpoint.PostFormAsync(gateway, ClientKey.Form(other.Assertion("op_nosuchclient", gateway.TokenEndpoint)));

        AssertInvalidClient(forged);
        Assert.Equal(forged.Body.ToString(), unknown.Body.ToString());
    }

    [Theory]
    [InlineData("https://attacker.example/connect/token")]
    [InlineData("https://attacker.example/")]
    [InlineData("urn:processorgateway")]
    public async Task An_assertion_for_another_audience_is_refused(string audience)
    {
        using var key = ClientKey.CreateEcdsa();
        var id = (await RegisterAsync(tenantId: null, key)).Client.ClientId;

        AssertInvalidClient(await TokenEndpoint.PostFormAsync(gateway, ClientKey.Form(key.Assertion(id, new Uri(audience)))));
    }

    [Fact]
    public async Task An_expired_assertion_is_refused()
    {
        using var key = ClientKey.CreateEcdsa();
        var id = (await RegisterAsync(tenantId: null, key)).Client.ClientId;

        var expired = key.Assertion(id, gateway.TokenEndpoint, TimeSpan.FromMinutes(1), issuedAt: DateTimeOffset.UtcNow.AddMinutes(-3));

        AssertInvalidClient(await TokenEndpoint.PostFormAsync(gateway, ClientKey.Form(expired)));
    }

    [Fact]
    public async Task An_assertion_valid_for_longer_than_five_minutes_is_refused()
    {
        using var key = ClientKey.CreateEcdsa();
        var id = (await RegisterAsync(tenantId: null, key)).Client.ClientId;

        var longLived = key.Assertion(id, gateway.TokenEndpoint, TimeSpan.FromMinutes(10));
        var justRight = key.Assertion(id, gateway.TokenEndpoint, TimeSpan.FromMinutes(5));

        AssertInvalidClient(await TokenEndpoint.PostFormAsync(gateway, ClientKey.Form(longLived)));
        Assert.Equal(HttpStatusCode.OK, (await TokenEndpoint.PostFormAsync(gateway, ClientKey.Form(justRight))).Status);
    }

    [Fact]
    public async Task A_client_with_a_key_has_no_secret_to_show_use_or_rotate()
    {
        using var key = ClientKey.CreateEcdsa();
        var registered = await RegisterAsync(await TenantAsync(), key);

        Assert.Equal(string.Empty, registered.ClientSecret);
        AssertInvalidClient(await TokenEndpoint.PostAsync(gateway, registered.Client.ClientId, "any-secret-at-all-0123456789abcdef"));
        var error = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => _operator.Tenants.RotateClientSecretAsync(new RotateClientSecretRequest { ClientId = registered.Client.ClientId }).Within());
        Assert.Contains("authenticates with a key", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_client_with_a_key_gets_no_token()
    {
        using var key = ClientKey.CreateEcdsa();
        var id = (await RegisterAsync(tenantId: null, key)).Client.ClientId;
        await _operator.Tenants.RevokeClientAsync(new RevokeClientRequest { ClientId = id }).Within();

        AssertInvalidClient(await TokenEndpoint.PostFormAsync(gateway, ClientKey.Form(key.Assertion(id, gateway.TokenEndpoint))));
    }

    [Fact]
    public async Task RegisterClient_refuses_a_weak_a_private_or_an_unreadable_key_naming_the_field()
    {
        using var weak = ClientKey.CreateRsa(1024);
        using var p384 = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384);
        using var good = ClientKey.CreateEcdsa();
        var before = (await _operator.Tenants.ListClientsAsync(new ListClientsRequest()).Within()).Clients.Count;

        foreach (var (pem, problem) in new[]
        {
            (weak.PublicKeyPem, "1024 bits"),
            (p384.ExportSubjectPublicKeyInfoPem(), "P-256"),
            (good.PrivateKeyPem, "private key"),
            ("-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----", "SubjectPublicKeyInfo"),
            ("ssh-ed25519 AAAA", "PEM"),
        })
        {
            var error = await RpcAssert.InvalidArgumentAsync("public_key_pem", () => RegisterAsync(null, pem));
            Assert.Contains(problem, error.Status.Detail, StringComparison.Ordinal);
        }

        Assert.Equal(before, (await _operator.Tenants.ListClientsAsync(new ListClientsRequest()).Within()).Clients.Count);
    }

    private static void AssertInvalidClient(TokenReply reply)
    {
        Assert.True(reply.Status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, reply.ToString());
        Assert.Equal("invalid_client", reply.Error);
        Assert.False(reply.Body.TryGetProperty("access_token", out _), reply.ToString());
    }

    private static string JwtId(string assertion) => JwtParts.Decode(assertion).Payload["jti"]!.GetValue<string>();

    private Task<ClientCredentials> RegisterAsync(string? tenantId, ClientKey key) => RegisterAsync(tenantId, key.PublicKeyPem);

    private Task<ClientCredentials> RegisterAsync(string? tenantId, string publicKeyPem) =>
        _operator.Tenants.RegisterClientAsync(new RegisterClientRequest
        {
            TenantId = tenantId ?? string.Empty,
            DisplayName = "key client",
            Scopes = { tenantId is null ? Scopes.All : [Scopes.RecordsRead] },
            Purposes = { Purposes.Attendance },
            PublicKeyPem = publicKeyPem,
        }).Within();

    private async Task<string> TenantAsync()
    {
        var tenant = StudentRecords.NewTenantId("keys");
        await StudentRecords.CreateTenantWithTemplatesAsync(_operator, ["attendance"], tenant).WaitAsync(RpcAssert.Timeout);
        return tenant;
    }
}
