using System.Net;
using System.Text;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MongoDB.Bson;
using MongoDB.Driver;
using OpenIddict.Server;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Auth;

/// <summary>The token endpoint and the client lifecycle: what a token says, revocation, rotation, hashed secrets, client authentication methods.</summary>
public sealed class ClientCredentialsTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task A_token_is_an_RS256_at_jwt_for_this_gateway_naming_the_client_its_tenant_scopes_and_purposes()
    {
        var world = await AuthWorld.ForAsync(gateway);
        var client = await world.NewClientAsync(world.TenantA, [Scopes.RecordsRead, Scopes.SchemasAdmin], ["attendance", "fees"]);

        var token = JwtParts.Decode(client.Token);

        Assert.Equal(("RS256", "at+jwt"), (token.Header["alg"]!.GetValue<string>(), token.Header["typ"]!.GetValue<string>()));
        Assert.Equal(TokenForge.ServerSigningCredentials(gateway).Key.KeyId, token.Header["kid"]!.GetValue<string>());
        var claims = token.Payload;
        // A development gateway's issuer is its own deployment's (see DevelopmentIsolationTests).
        var issuer = gateway.Services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue.Issuer!.AbsoluteUri;
        Assert.StartsWith("https://localhost/processorgateway-dev/", issuer, StringComparison.Ordinal);
        Assert.Equal(issuer, claims["iss"]!.GetValue<string>());
        Assert.Equal("processorgateway", claims["aud"]!.GetValue<string>());
        Assert.Equal(client.ClientId, claims["sub"]!.GetValue<string>());
        Assert.Equal(world.TenantA, claims["pg_tenant"]!.GetValue<string>());
        Assert.Equal(["records.read", "schemas.admin"], claims["scope"]!.GetValue<string>().Split(' ').Order(StringComparer.Ordinal));
        Assert.Equal(["attendance", "fees"], JwtParts.Values(claims["pg_purpose"]).Order(StringComparer.Ordinal));
        Assert.Equal(300, claims["exp"]!.GetValue<long>() - claims["iat"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_operator_token_names_no_tenant()
    {
        var world = await AuthWorld.ForAsync(gateway);

        var claims = JwtParts.Decode(await world.OperatorTokenAsync()).Payload;

        Assert.Equal(GatewayFixture.OperatorClientId, claims["sub"]!.GetValue<string>());
        Assert.False(claims.ContainsKey("pg_tenant"));
    }

    [Fact]
    public async Task A_revoked_client_gets_no_token_and_its_earlier_token_stops_working_at_once()
    {
        var world = await AuthWorld.ForAsync(gateway);
        var client = await world.NewClientAsync(world.TenantA, [Scopes.TenantsAdmin]);
        var get = new GetTenantRequest { TenantId = world.TenantA };
        await client.Clients.Tenants.GetTenantAsync(get).Within();

        var revoked = await world.Operator.Tenants.RevokeClientAsync(new RevokeClientRequest { ClientId = client.ClientId }).Within();

        Assert.True(revoked.Revoked);
        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => client.Clients.Tenants.GetTenantAsync(get).ResponseAsync);
        var reply = await TokenEndpoint.PostAsync(gateway, client.ClientId, client.Secret);
        AssertInvalidClient(reply, "revoked client");
        var listed = await world.Operator.Tenants.ListClientsAsync(new ListClientsRequest { TenantId = world.TenantA }).Within();
        Assert.True(listed.Clients.Single(c => c.ClientId == client.ClientId).Revoked);
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => world.Operator.Tenants.RotateClientSecretAsync(
            new RotateClientSecretRequest { ClientId = client.ClientId }).ResponseAsync);
    }

    [Fact]
    public async Task Unknown_client_wrong_secret_and_revoked_client_get_the_same_answer()
    {
        var world = await AuthWorld.ForAsync(gateway);
        var client = await world.NewClientAsync(world.TenantA, [Scopes.RecordsRead]);
        var revoked = await world.NewClientAsync(world.TenantA, [Scopes.RecordsRead]);
        await world.Operator.Tenants.RevokeClientAsync(new RevokeClientRequest { ClientId = revoked.ClientId }).Within();

        var replies = new[]
        {
            await TokenEndpoint.PostAsync(gateway, "no-such-client", client.Secret),
            await TokenEndpoint.PostAsync(gateway, client.ClientId, client.Secret + "x"),
            await TokenEndpoint.PostAsync(gateway, client.ClientId, revoked.Secret),
            await TokenEndpoint.PostAsync(gateway, revoked.ClientId, revoked.Secret),
        };

        foreach (var reply in replies)
        {
            AssertInvalidClient(reply, "refused client");
        }

        Assert.Single(replies.Select(r => r.ToString()).Distinct(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Rotating_a_secret_refuses_the_old_one_accepts_the_new_one_and_leaves_issued_tokens_valid()
    {
        var world = await AuthWorld.ForAsync(gateway);
        var client = await world.NewClientAsync(world.TenantA, [Scopes.TenantsAdmin]);

        var rotated = await world.Operator.Tenants.RotateClientSecretAsync(new RotateClientSecretRequest { ClientId = client.ClientId }).Within();

        Assert.Equal(client.ClientId, rotated.Client.ClientId);
        Assert.NotEqual(client.Secret, rotated.ClientSecret);
        Assert.True(rotated.Client.SecretRotatedAt.ToDateTimeOffset() >= rotated.Client.CreatedAt.ToDateTimeOffset());
        AssertInvalidClient(await TokenEndpoint.PostAsync(gateway, client.ClientId, client.Secret), "old secret");
        var fresh = await TokenEndpoint.PostAsync(gateway, client.ClientId, rotated.ClientSecret);
        Assert.True(fresh.Status == HttpStatusCode.OK, $"new secret: {fresh}");
        using var channel = gateway.CreateChannel(fresh.AccessToken);
        var get = new GetTenantRequest { TenantId = world.TenantA };
        await new GrpcTestClients(channel).Tenants.GetTenantAsync(get).Within();

        // The contract: tokens already issued stay valid until they expire.
        await client.Clients.Tenants.GetTenantAsync(get).Within();
    }

    [Fact]
    public async Task Secrets_are_stored_only_as_salted_hashes()
    {
        var world = await AuthWorld.ForAsync(gateway);
        var first = await world.RegisterAsync(world.TenantA, [Scopes.RecordsRead], ["attendance"]);
        var second = await world.RegisterAsync(world.TenantA, [Scopes.RecordsRead], ["attendance"]);
        var rotated = await world.Operator.Tenants.RotateClientSecretAsync(new RotateClientSecretRequest { ClientId = second.Client.ClientId }).Within();
        string[] generated = [first.ClientSecret, second.ClientSecret, rotated.ClientSecret];

        var documents = await gateway.MongoDatabase.GetCollection<BsonDocument>("oauth_clients").Find(FilterDefinition<BsonDocument>.Empty).ToListAsync();

        Assert.Contains(documents, d => d["_id"] == first.Client.ClientId);
        Assert.Contains(documents, d => d["_id"] == GatewayFixture.OperatorClientId);
        foreach (var document in documents)
        {
            var bytes = document.ToBson();
            foreach (var secret in generated.Append(GatewayFixture.OperatorSecret))
            {
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"client {document["_id"]} stores a secret in clear");
            }

            foreach (var secret in generated)
            {
                Assert.True(bytes.AsSpan().IndexOf(Convert.FromBase64String(ToBase64(secret))) < 0, $"client {document["_id"]} stores a secret's bytes");
            }

            Assert.DoesNotContain(document.Names, n => n.Contains("secret", StringComparison.OrdinalIgnoreCase) && n is not "secretHash" and not "secretRotatedAt");
            Assert.Equal(53, document["secretHash"].AsByteArray.Length);
        }

        // Same secret length, different salts: no two hashes are alike.
        Assert.Equal(documents.Count, documents.Select(d => Convert.ToHexString(d["secretHash"].AsByteArray)).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Http_basic_client_authentication_gets_a_token_that_works()
    {
        var world = await AuthWorld.ForAsync(gateway);
        var client = await world.NewClientAsync(world.TenantA, [Scopes.TenantsAdmin]);

        var reply = await TokenEndpoint.PostBasicAsync(gateway, client.ClientId, client.Secret);

        Assert.True(reply.Status == HttpStatusCode.OK, $"basic authentication: {reply}");
        Assert.Equal(client.ClientId, JwtParts.Decode(reply.AccessToken).Payload["sub"]!.GetValue<string>());
        using var channel = gateway.CreateChannel(reply.AccessToken);
        Assert.Equal(world.TenantA, (await new GrpcTestClients(channel).Tenants.GetTenantAsync(new GetTenantRequest { TenantId = world.TenantA }).Within()).TenantId);
    }

    [Fact]
    public async Task Http_basic_with_a_wrong_secret_is_401_invalid_client_with_a_challenge()
    {
        var world = await AuthWorld.ForAsync(gateway);
        var client = await world.NewClientAsync(world.TenantA, [Scopes.TenantsAdmin]);

        var reply = await TokenEndpoint.PostBasicAsync(gateway, client.ClientId, client.Secret + "x");

        // RFC 6749 §5.2: a client that authenticated with the Authorization header gets 401 and a WWW-Authenticate challenge.
        Assert.True(reply is { Status: HttpStatusCode.Unauthorized, Error: "invalid_client" }, $"basic, wrong secret: {reply}");
        Assert.NotNull(reply.WwwAuthenticate);
    }

    [Fact]
    public async Task A_token_carries_only_the_scopes_asked_for_and_no_scope_the_client_lacks()
    {
        var world = await AuthWorld.ForAsync(gateway);
        var client = await world.NewClientAsync(world.TenantA, [Scopes.RecordsRead, Scopes.RecordsWrite], ["attendance"]);

        var narrow = await TokenEndpoint.PostAsync(gateway, client.ClientId, client.Secret, scope: Scopes.RecordsRead);
        var wider = await TokenEndpoint.PostAsync(gateway, client.ClientId, client.Secret, scope: $"{Scopes.RecordsRead} {Scopes.TenantsAdmin}");
        var unknown = await TokenEndpoint.PostAsync(gateway, client.ClientId, client.Secret, scope: "openid");

        Assert.True(narrow.Status == HttpStatusCode.OK, $"narrow: {narrow}");
        Assert.Equal(Scopes.RecordsRead, JwtParts.Decode(narrow.AccessToken).Payload["scope"]!.GetValue<string>());
        Assert.True(wider is { Status: HttpStatusCode.BadRequest, Error: "invalid_scope" }, $"a scope the client lacks: {wider}");
        Assert.True(unknown is { Status: HttpStatusCode.BadRequest, Error: "invalid_scope" }, $"a scope the gateway does not know: {unknown}");
        using var channel = gateway.CreateChannel(narrow.AccessToken);
        var records = new GrpcTestClients(channel).Records;
        await records.GetRecordAsync(new GetRecordRequest
        {
            TenantId = world.TenantA, Collection = "attendance", RecordId = AuthWorld.SeedRecordId, Purpose = AuthWorld.Purpose,
        }).Within();
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => records.PutRecordAsync(
            Records.StudentRecords.Attendance(world.TenantA, AuthWorld.NewRecordId(), "stu-1")).ResponseAsync);
    }

    [Fact]
    public async Task Only_the_client_credentials_grant_is_served()
    {
        var reply = await TokenEndpoint.PostAsync(gateway, GatewayFixture.OperatorClientId, GatewayFixture.OperatorSecret, grantType: "password");

        Assert.True(reply is { Status: HttpStatusCode.BadRequest, Error: "unsupported_grant_type" }, $"password grant: {reply}");
    }

    /// <summary>OpenIddict answers a refused client with 401 invalid_client (RFC 6749 §5.2 allows 400 or 401 for form credentials).</summary>
    private static void AssertInvalidClient(TokenReply reply, string what) =>
        Assert.True(reply is { Status: HttpStatusCode.Unauthorized, Error: "invalid_client" }, $"{what}: {reply}");

    /// <summary>The secrets are base64url; their decoded bytes must not be stored either.</summary>
    private static string ToBase64(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
    }
}
