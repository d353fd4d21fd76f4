using System.Reflection;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.IdentityModel.Tokens;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Auth;

/// <summary>
/// Every RPC against every kind of caller that must be refused, with the exact status, and against
/// the least-privileged caller that must be let through. Requests name tenant A; a refused call
/// must leave the stored data (records, schemas, tenants, keys, clients) exactly as it was.
/// </summary>
public sealed class AuthorizationMatrixTests(MatrixGatewayFixture gateway) : IClassFixture<MatrixGatewayFixture>
{
    // Cases a token fails before any authorisation: the gateway must not know who is calling.
    private const string NoToken = "no token";
    private const string Expired = "token expired 10 min ago (server key)";
    private const string JustExpired = "token expired 30 s ago (server key)";
    private const string WrongAudience = "wrong audience (server key)";
    private const string NoAudience = "no audience (server key)";
    private const string WrongIssuer = "wrong issuer (server key)";
    private const string WrongType = "typ JWT instead of at+jwt (server key)";
    private const string TamperedSignature = "real token, one signature character changed";
    private const string TamperedPayload = "real token of tenant B, pg_tenant changed to A";
    private const string AlgNone = "alg none, empty signature";
    private const string ForeignKey = "right claims, signed by another RSA key with the server key's kid";
    private const string RevokedClient = "token issued before its client was revoked";
    private const string NoExpiry = "no exp (server key)";
    // An hour ahead, issued then and living five minutes from then: a token minted once serves the whole run, so
    // it must stay not yet valid for longer than the run takes.
    private const string NotYetValid = "nbf 1 h from now (server key)";
    private const string OverLong = "lifetime of a day (server key)";

    // Cases a valid token is refused by the authorisation rules.
    private const string MissingScope = "client registered without the scope";
    private const string ForeignPurpose = "client not registered for the purpose";
    private const string OtherTenant = "client of tenant B naming tenant A";
    private const string OperatorWithoutAdmin = "operator client without tenants.admin";

    // Callers that must succeed.
    private const string MintedControl = "control: token minted like the forged ones, valid";
    private const string OnlyPrefix = "client holding only ";

    private static readonly string[] Unauthenticated =
        [NoToken, Expired, JustExpired, WrongAudience, NoAudience, WrongIssuer, WrongType, TamperedSignature, TamperedPayload, AlgNone, ForeignKey, RevokedClient, NoExpiry, NotYetValid, OverLong];

    public static TheoryData<string, string, StatusCode> RefusedCalls()
    {
        var data = new TheoryData<string, string, StatusCode>();
        foreach (var rpc in GatewayRpcs.All)
        {
            foreach (var @case in Unauthenticated)
            {
                data.Add(rpc.Name, @case, StatusCode.Unauthenticated);
            }

            if (rpc.Scopes.Length > 0)
            {
                data.Add(rpc.Name, MissingScope, StatusCode.PermissionDenied);
                data.Add(rpc.Name, OperatorWithoutAdmin, StatusCode.PermissionDenied);
            }

            if (rpc.Is(RpcTraits.NeedsPurpose))
            {
                data.Add(rpc.Name, ForeignPurpose, StatusCode.PermissionDenied);
            }

            if (rpc.Is(RpcTraits.TenantScoped) || rpc.Is(RpcTraits.OperatorOnly))
            {
                // Another tenant's client is not there at all for a tenant admin: NOT_FOUND, as for an unknown id.
                data.Add(rpc.Name, OtherTenant, rpc.Is(RpcTraits.NamesClient) ? StatusCode.NotFound : StatusCode.PermissionDenied);
            }
        }

        return data;
    }

    public static TheoryData<string, string> AllowedCalls()
    {
        var data = new TheoryData<string, string>();
        foreach (var rpc in GatewayRpcs.All)
        {
            foreach (var scope in rpc.Scopes.Length > 0 ? rpc.Scopes : [Scopes.AuditRead])
            {
                data.Add(rpc.Name, OnlyPrefix + scope);
            }

            data.Add(rpc.Name, MintedControl);
        }

        return data;
    }

    [Fact]
    public void Every_rpc_of_the_public_contract_is_in_the_matrix()
    {
        var contract = typeof(KeyService).Assembly.GetTypes()
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static))
            .Where(p => p?.PropertyType == typeof(FileDescriptor))
            .SelectMany(p => ((FileDescriptor)p!.GetValue(null)!).Services)
            .SelectMany(s => s.Methods.Select(m => $"{s.Name}.{m.Name}"));

        Assert.Equal(contract.Order(StringComparer.Ordinal), GatewayRpcs.All.Select(r => r.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(RefusedCalls))]
    public async Task A_refused_caller_gets_the_exact_status_and_nothing_is_stored(string rpc, string @case, StatusCode expected)
    {
        var world = await AuthWorld.ForAsync(gateway);
        var spec = GatewayRpcs.Named(rpc);
        var caller = await CallerAsync(world, spec, @case);
        var call = await spec.Arrange(world, world.TenantA, successExpected: false);
        var before = await SnapshotAsync(world);

        RpcException? error = null;
        try
        {
            await call(new GrpcTestClients(caller));
        }
        catch (RpcException e)
        {
            error = e;
        }

        Assert.True(error is not null, $"{rpc} with {@case}: expected {expected}, but the call succeeded");
        Assert.True(error.StatusCode == expected, $"{rpc} with {@case}: expected {expected}, got {error.StatusCode}: {error.Status.Detail}");
        var after = await SnapshotAsync(world);
        Assert.True(before == after, $"{rpc} with {@case}: the refused call changed what is stored.\nbefore:\n{before}\nafter:\n{after}");
    }

    [Theory]
    [MemberData(nameof(AllowedCalls))]
    public async Task The_least_privileged_right_caller_succeeds(string rpc, string caller)
    {
        var world = await AuthWorld.ForAsync(gateway);
        var spec = GatewayRpcs.Named(rpc);
        var channel = await CallerAsync(world, spec, caller);
        var call = await spec.Arrange(world, world.TenantA, successExpected: true);

        try
        {
            await call(new GrpcTestClients(channel));
        }
        catch (RpcException e)
        {
            Assert.Fail($"{rpc} with {caller}: expected success, got {e.StatusCode}: {e.Status.Detail}");
        }
    }

    private static Task<GrpcChannel> CallerAsync(AuthWorld world, GatewayRpc rpc, string @case)
    {
        var a = world.TenantA;
        return @case switch
        {
            NoToken => Task.FromResult(world.Gateway.AnonymousChannel),
            Expired => Forged(world, @case, (real, key) => TokenForge.Expired(real, key, TimeSpan.FromMinutes(10))),
            JustExpired => Forged(world, @case, (real, key) => TokenForge.Expired(real, key, TimeSpan.FromSeconds(30))),
            WrongAudience => Forged(world, @case, (real, key) => TokenForge.Mint(real, key, d => d.Audience = "another-api")),
            NoAudience => Forged(world, @case, (real, key) => TokenForge.Mint(real, key, d => d.Audience = null)),
            WrongIssuer => Forged(world, @case, (real, key) => TokenForge.Mint(real, key, d => d.Issuer = "https://attacker.example/")),
            WrongType => Forged(world, @case, (real, key) => TokenForge.Mint(real, key, d => d.TokenType = "JWT")),
            TamperedSignature => Forged(world, @case, (real, _) => TokenForge.WithSignatureCharacterChanged(real)),
            AlgNone => Forged(world, @case, (real, _) => TokenForge.AlgNone(real)),
            ForeignKey => Forged(world, @case, TokenForge.SignedByForeignKey),
            NoExpiry => Forged(world, @case, (real, key) => TokenForge.Mint(real, key, d => d.Expires = null)),
            NotYetValid => Forged(world, @case, (real, key) => TokenForge.Mint(real, key, d =>
            {
                d.NotBefore = d.IssuedAt = DateTime.UtcNow.AddHours(1);
                d.Expires = d.NotBefore.Value.AddMinutes(5);
            })),
            OverLong => Forged(world, @case, (real, key) => TokenForge.Mint(real, key, d => d.Expires = d.IssuedAt!.Value.AddDays(1))),
            MintedControl => Forged(world, @case, (real, key) => TokenForge.Mint(real, key)),
            TamperedPayload => world.OnceAsync(@case, async () =>
            {
                var b = await world.ClientAsync(world.TenantB, Scopes.All);
                return world.Gateway.CreateChannel(TokenForge.WithPayload(b.Token, p => p["pg_tenant"] = a));
            }),
            RevokedClient => Channel(world.RevokedClientAsync()),
            MissingScope when rpc.Is(RpcTraits.OperatorOnly) => Channel(world.ClientAsync(null, AuthWorld.AllScopesBut(rpc.Scopes))),
            MissingScope => Channel(world.ClientAsync(a, AuthWorld.AllScopesBut(rpc.Scopes))),
            OperatorWithoutAdmin => Channel(world.ClientAsync(null, AuthWorld.AllScopesBut(Scopes.TenantsAdmin))),
            ForeignPurpose => Channel(world.ClientAsync(a, [Scopes.RecordsRead, Scopes.RecordsWrite], ["fees"])),
            OtherTenant => Channel(world.ClientAsync(world.TenantB, Scopes.All)),
            _ when @case.StartsWith(OnlyPrefix, StringComparison.Ordinal) =>
                Channel(world.ClientAsync(rpc.Is(RpcTraits.OperatorOnly) ? null : a, [@case[OnlyPrefix.Length..]])),
            _ => throw new ArgumentOutOfRangeException(nameof(@case), @case, "no such case"),
        };
    }

    /// <summary>A token made from the bootstrap operator's real token (every scope: it would be allowed everything) and the server's signing key.</summary>
    private static Task<GrpcChannel> Forged(AuthWorld world, string @case, Func<string, SigningCredentials, string> forge) =>
        world.OnceAsync(@case, async () =>
            world.Gateway.CreateChannel(forge(await world.OperatorTokenAsync(), TokenForge.ServerSigningCredentials(world.Gateway))));

    private static async Task<GrpcChannel> Channel(Task<TestClient> client) => (await client).Channel;

    /// <summary>
    /// Everything a refused call could have written, including the OAuth clients (secret hashes and all),
    /// tenant A itself (its status) and the shred ledger.
    /// </summary>
    private static async Task<string> SnapshotAsync(AuthWorld world)
    {
        var clients = await world.Gateway.MongoDatabase.GetCollection<BsonDocument>("oauth_clients")
            .Find(FilterDefinition<BsonDocument>.Empty).Sort(new BsonDocument("_id", 1)).ToListAsync();
        var tenantA = await world.Store.Tenants.Find(new BsonDocument("_id", world.TenantA)).ToListAsync();
        var ledger = await new MongoClient(TestServers.MongoConnectionString).GetDatabase(world.Gateway.LedgerDatabase).GetCollection<BsonDocument>("shred_ledger")
            .Find(FilterDefinition<BsonDocument>.Empty).Sort(new BsonDocument("_id", 1)).ToListAsync();
        var subjects = await Subjects.SubjectStore.SnapshotAsync(world.Gateway, world.TenantA);
        var erasure = new List<BsonDocument>();
        foreach (var collection in (string[])["erasure_requests", "legal_holds", "retention_rules", "erasure_calendars", "notification_channels", "tenant_offboardings"])
        {
            erasure.AddRange(await world.Gateway.MongoDatabase.GetCollection<BsonDocument>(collection)
                .Find(new BsonDocument("$or", new BsonArray { new BsonDocument("t", world.TenantA), new BsonDocument("_id", world.TenantA) }))
                .Sort(new BsonDocument("_id", 1)).ToListAsync());
        }

        return string.Join('\n', [await world.Store.SnapshotAsync(world.TenantA), .. tenantA.Concat(clients).Concat(ledger).Concat(subjects).Concat(erasure).Select(d => d.ToJson())]);
    }
}
