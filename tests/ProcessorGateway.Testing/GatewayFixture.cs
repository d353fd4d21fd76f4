using System.Text.Json.Serialization;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MongoDB.Driver;
using ProcessorGateway.Server.Hosting;
using Xunit;

namespace ProcessorGateway.Testing;

/// <summary>
/// A real gateway (Kestrel: gRPC over HTTP/2, and the token endpoint, JSON and gRPC-Web over HTTP/1.1, each on a free
/// loopback port) against the test MongoDB, with databases of its own, and a bootstrap operator
/// whose real tokens, from the real token endpoint, authenticate <see cref="Channel"/>.
/// One per test class: use it as an IClassFixture, or derive a class with other settings.
/// </summary>
public class GatewayFixture : IAsyncLifetime
{
    public const string OperatorClientId = "test-operator";

    /// <summary>Known to the tests only; the gateway keeps a hash.</summary>
    public const string OperatorSecret = "test-operator-secret-0123456789abcdef";

    private WebApplication? _app;

    public GatewayFixture()
    {
        Database = TestServers.DatabaseFor(GetType());
    }

    /// <summary>For replicas that share one set of databases.</summary>
    protected GatewayFixture(string database)
    {
        Database = database;
    }

    public string Database { get; }

    public string KeyVaultDatabase => $"{Database}_kv";

    public string LedgerDatabase => $"{Database}_ledger";

    public Uri Address { get; private set; } = null!;

    public Uri TokenEndpoint { get; private set; } = null!;

    /// <summary>The HTTP/1.1 listener: the token endpoint, JSON transcoding and gRPC-Web.</summary>
    public Uri HttpAddress { get; private set; } = null!;

    /// <summary>Authenticated as the bootstrap operator: every scope and standard purpose, across tenants.</summary>
    public GrpcChannel Channel { get; private set; } = null!;

    /// <summary>No credentials at all.</summary>
    public GrpcChannel AnonymousChannel { get; private set; } = null!;

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("the gateway is not started");

    /// <summary>The raw database, for tests that look at what is actually stored.</summary>
    public IMongoDatabase MongoDatabase => new MongoClient(TestServers.MongoConnectionString).GetDatabase(Database);

    public IMongoDatabase MongoKeyVaultDatabase => new MongoClient(TestServers.MongoConnectionString).GetDatabase(KeyVaultDatabase);

    /// <summary>
    /// What every test gateway runs with, in-process or as a process of its own: the test servers, these
    /// databases (records, key vault and ledger named after <paramref name="database"/>), free loopback ports,
    /// no seeded tenant, and the bootstrap operator. Replicas of one deployment take the same database.
    /// </summary>
    public static Dictionary<string, string?> SettingsFor(string database) => new()
    {
        ["Gateway:Mongo:ConnectionString"] = TestServers.MongoConnectionString,
        ["Gateway:Mongo:Database"] = database,
        ["Gateway:Mongo:KeyVaultDatabase"] = $"{database}_kv",
        ["Gateway:Mongo:LedgerDatabase"] = $"{database}_ledger",
        ["Gateway:Listen:Address"] = "127.0.0.1",
        ["Gateway:Listen:GrpcPort"] = "0",
        ["Gateway:Listen:HttpPort"] = "0",
        ["Gateway:Dev:SeedTenant"] = "false",
        ["Gateway:Auth:BootstrapOperator:ClientId"] = OperatorClientId,
        ["Gateway:Auth:BootstrapOperator:Secret"] = OperatorSecret,
        // As the Development profile has it: the tests' webhook receivers listen on loopback.
        ["Gateway:Notifications:Webhooks:AllowLoopback"] = "true",

        // Tests ask for many tokens from one address, wrong secrets among them on purpose, and call fast: limits far
        // above that, so no test trips one by accident. The rate-limit tests set their own, and one runs with the defaults.
        ["Gateway:RateLimits:TokenPerAddress:TokenLimit"] = "1000000",
        ["Gateway:RateLimits:TokenPerAddress:TokensPerPeriod"] = "1000000",
        ["Gateway:RateLimits:TokenPerClient:TokenLimit"] = "1000000",
        ["Gateway:RateLimits:TokenPerClient:TokensPerPeriod"] = "1000000",
        ["Gateway:RateLimits:Pbkdf2QueueLimit"] = "10000",
        ["Gateway:RateLimits:Lockout:Threshold"] = "1000",
        ["Gateway:RateLimits:GrpcPerClient:TokenLimit"] = "1000000",
        ["Gateway:RateLimits:GrpcPerClient:TokensPerPeriod"] = "1000000",
    };

    /// <summary>Every rate-limit setting of <see cref="SettingsFor"/> as null: a fixture that returns these from <see cref="Settings"/> runs with the defaults.</summary>
    public static Dictionary<string, string?> DefaultRateLimits() =>
        SettingsFor("unused").Where(s => s.Key.StartsWith("Gateway:RateLimits:", StringComparison.Ordinal)).ToDictionary(s => s.Key, _ => (string?)null);

    protected virtual IDictionary<string, string?> Settings() => new Dictionary<string, string?>();

    /// <summary>Services registered before the gateway's own (which are added with TryAdd), e.g. a fake clock.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public async Task InitializeAsync()
    {
        var settings = SettingsFor(Database);
        foreach (var (key, value) in Settings())
        {
            // Null unsets: the configuration binder would bind a null number as 0, not leave the default.
            if (value is null)
            {
                settings.Remove(key);
            }
            else
            {
                settings[key] = value;
            }
        }

        // Development: plaintext on loopback, so the token endpoint runs without TLS.
        _app = GatewayApplication.Create([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            ConfigureServices(builder.Services);
        }, Environments.Development);
        await _app.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        Address = new Uri(addresses[0]);
        HttpAddress = new Uri(addresses[1]);
        TokenEndpoint = new Uri(HttpAddress, "/connect/token");
        AnonymousChannel = GrpcChannel.ForAddress(Address);
        Channel = await CreateChannelAsync(OperatorClientId, OperatorSecret);
    }

    /// <summary>A channel whose calls carry a token the given client gets from the token endpoint.</summary>
    public async Task<GrpcChannel> CreateChannelAsync(string clientId, string secret, params string[] scopes) =>
        CreateChannel(await GetTokenAsync(clientId, secret, scopes));

    /// <summary>A channel whose calls carry exactly this bearer token, valid or not.</summary>
    public GrpcChannel CreateChannel(string accessToken) =>
        GrpcChannel.ForAddress(Address, new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
            {
                metadata.Add("Authorization", $"Bearer {accessToken}");
                return Task.CompletedTask;
            })),
            UnsafeUseInsecureChannelCallCredentials = true,
        });

    /// <summary>A plain OAuth client-credentials POST, as any client in any language would make it.</summary>
    public Task<string> GetTokenAsync(string clientId, string secret, params string[] scopes)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret };
        if (scopes.Length > 0)
        {
            form["scope"] = string.Join(' ', scopes);
        }

        return GetTokenAsync(clientId, form);
    }

    /// <summary>A channel whose calls carry a token the client gets with a client assertion its key signed (private_key_jwt).</summary>
    public async Task<GrpcChannel> CreateChannelAsync(string clientId, ClientKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return CreateChannel(await GetTokenAsync(clientId, ClientKey.Form(key.Assertion(clientId, TokenEndpoint))));
    }

    private async Task<string> GetTokenAsync(string clientId, Dictionary<string, string> form)
    {
        using var http = new HttpClient();
        using var content = new FormUrlEncodedContent(form);
        using var response = await http.PostAsync(TokenEndpoint, content);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"token request for {clientId} failed: {(int)response.StatusCode} {body}");
        }

        return System.Text.Json.JsonSerializer.Deserialize<TokenResponse>(body)!.AccessToken;
    }

    public virtual async Task DisposeAsync()
    {
        Channel?.Dispose();
        AnonymousChannel?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await _app.DisposeAsync();
        }
    }

    private sealed record TokenResponse([property: JsonPropertyName("access_token")] string AccessToken);
}
