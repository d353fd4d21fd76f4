using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Grpc.Net.Client;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Auth;

/// <summary>A client registered through the real RegisterClient, with one real token from the token endpoint.</summary>
internal sealed record TestClient(string ClientId, string? TenantId, string Secret, string Token, GrpcChannel Channel)
{
    public GrpcTestClients Clients { get; } = new(Channel);

    public override string ToString() => $"{ClientId} (tenant {TenantId ?? "none"})";
}

/// <summary>
/// Per gateway fixture (so per test class): tenants A and B, each with the attendance and students
/// templates and one attendance row, and OAuth clients registered by the bootstrap operator. Each
/// client is registered and given its token once (secrets are PBKDF2-hashed, so a token costs tens
/// of milliseconds), then reused by every test of the class.
/// </summary>
internal sealed class AuthWorld
{
    public const string Purpose = Purposes.Attendance;
    public const string SeedRecordId = "att-seed";

    /// <summary>The subject of each tenant's seed row.</summary>
    public const string SeedSubjectId = "subj-stu-1";

    private static readonly ConditionalWeakTable<GatewayFixture, Task<AuthWorld>> Worlds = [];

    private readonly ConcurrentDictionary<string, Lazy<Task<TestClient>>> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _victims = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<object>>> _memo = new(StringComparer.Ordinal);

    private AuthWorld(GatewayFixture gateway, string tenantA, string tenantB)
    {
        Gateway = gateway;
        TenantA = tenantA;
        TenantB = tenantB;
        Operator = new GrpcTestClients(gateway.Channel);
        Store = new RawStore(gateway);
    }

    public GatewayFixture Gateway { get; }

    public string TenantA { get; }

    public string TenantB { get; }

    /// <summary>The bootstrap operator: every scope and standard purpose, bound to no tenant.</summary>
    public GrpcTestClients Operator { get; }

    public RawStore Store { get; }

    public static Task<AuthWorld> ForAsync(GatewayFixture gateway) => Worlds.GetValue(gateway, CreateAsync);

    /// <summary>Every scope the gateway knows but these.</summary>
    public static string[] AllScopesBut(params string[] excluded) => Scopes.All.Except(excluded, StringComparer.Ordinal).ToArray();

    /// <summary>A client with exactly these scopes and purposes (every standard purpose when none is named), made once per world.</summary>
    public Task<TestClient> ClientAsync(string? tenantId, IReadOnlyCollection<string> scopes, IReadOnlyCollection<string>? purposes = null)
    {
        var granted = purposes ?? Purposes.Standard;
        var key = $"{tenantId ?? "(operator)"}|{string.Join(',', scopes.Order(StringComparer.Ordinal))}|{string.Join(',', granted.Order(StringComparer.Ordinal))}";
        return _clients.GetOrAdd(key, _ => new Lazy<Task<TestClient>>(() => NewClientAsync(tenantId, scopes, granted))).Value;
    }

    /// <summary>A fresh client, registered by the operator, with its token.</summary>
    public async Task<TestClient> NewClientAsync(string? tenantId, IReadOnlyCollection<string> scopes, IReadOnlyCollection<string>? purposes = null)
    {
        var registered = await RegisterAsync(tenantId, scopes, purposes ?? Purposes.Standard);
        var token = await Gateway.GetTokenAsync(registered.Client.ClientId, registered.ClientSecret).WaitAsync(RpcAssert.Timeout);
        return new TestClient(registered.Client.ClientId, tenantId, registered.ClientSecret, token, Gateway.CreateChannel(token));
    }

    /// <summary>Registers a client through the operator, without asking for a token.</summary>
    public Task<ClientCredentials> RegisterAsync(string? tenantId, IEnumerable<string> scopes, IEnumerable<string> purposes) =>
        Operator.Tenants.RegisterClientAsync(new RegisterClientRequest
        {
            TenantId = tenantId ?? string.Empty,
            DisplayName = "auth test client",
            Scopes = { scopes },
            Purposes = { purposes },
        }).Within();

    /// <summary>
    /// One client per tenant that refused rotations and revocations aim at; it must stay as it is,
    /// which the before/after snapshot of the raw client collection checks.
    /// </summary>
    public Task<string> VictimAsync(string tenantId) =>
        _victims.GetOrAdd(tenantId, t => new Lazy<Task<string>>(async () =>
            (await RegisterAsync(t, [Scopes.RecordsRead], [Purpose])).Client.ClientId)).Value;

    /// <summary>Anything made once per world: a token, a channel.</summary>
    public async Task<T> OnceAsync<T>(string key, Func<Task<T>> create)
        where T : class =>
        (T)await _memo.GetOrAdd(key, _ => new Lazy<Task<object>>(async () => await create())).Value;

    /// <summary>A real access token of the bootstrap operator (every scope, no tenant), fetched once.</summary>
    public Task<string> OperatorTokenAsync() =>
        OnceAsync("operator token", () => Gateway.GetTokenAsync(GatewayFixture.OperatorClientId, GatewayFixture.OperatorSecret));

    /// <summary>A client of tenant A with every scope whose token was issued before the operator revoked it.</summary>
    public Task<TestClient> RevokedClientAsync() => OnceAsync("revoked client", async () =>
    {
        var client = await NewClientAsync(TenantA, Scopes.All);

        // The token works before the revocation, so its refusal afterwards is the revocation's doing.
        await client.Clients.Tenants.GetTenantAsync(new GetTenantRequest { TenantId = TenantA }).Within();
        var revoked = await Operator.Tenants.RevokeClientAsync(new RevokeClientRequest { ClientId = client.ClientId }).Within();
        Assert.True(revoked.Revoked);
        return client;
    });

    /// <summary>A fresh attendance row in the tenant, written by the operator, at version 1.</summary>
    public async Task<string> SeedRowAsync(string tenantId)
    {
        var id = NewRecordId();
        await Operator.Records.PutRecordAsync(StudentRecords.Attendance(tenantId, id, "stu-1")).Within();
        return id;
    }

    public static string NewRecordId() => $"att-{Guid.NewGuid():N}"[..20];

    private static async Task<AuthWorld> CreateAsync(GatewayFixture gateway)
    {
        var world = new AuthWorld(gateway, StudentRecords.NewTenantId("alpha"), StudentRecords.NewTenantId("beta"));
        foreach (var tenant in new[] { world.TenantA, world.TenantB })
        {
            await StudentRecords.CreateTenantWithTemplatesAsync(world.Operator, ["attendance", "students"], tenant).WaitAsync(RpcAssert.Timeout);
            await world.Operator.Records.PutRecordAsync(StudentRecords.Attendance(tenant, SeedRecordId, "stu-1")).Within();
        }

        return world;
    }
}
