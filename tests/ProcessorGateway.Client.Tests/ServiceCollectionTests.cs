using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProcessorGateway.Client.Tests.Support;
using ProcessorGateway.Contracts.V1;

namespace ProcessorGateway.Client.Tests;

public sealed class ServiceCollectionTests : IAsyncLifetime
{
    private FakeGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await FakeGateway.StartAsync();

    public Task DisposeAsync() => _gateway.DisposeAsync().AsTask();

    [Fact]
    public async Task AddProcessorGatewayClient_TypedClients_CallWithBearerToken()
    {
        var services = new ServiceCollection();
        services.AddProcessorGatewayClient(o => Copy(_gateway.Options("tenants.admin"), o));
        await using var provider = services.BuildServiceProvider();

        var tenants = provider.GetRequiredService<TenantService.TenantServiceClient>();
        var schemas = provider.GetRequiredService<SchemaService.SchemaServiceClient>();
        await tenants.GetTenantAsync(new GetTenantRequest { TenantId = "dev-school" }).ResponseAsync.Bounded();
        await schemas.GetSchemaAsync(new GetSchemaRequest { TenantId = "dev-school", Collection = "students" }).ResponseAsync.Bounded();

        Assert.Equal(1, _gateway.TokenRequests);
        Assert.Equal("tenants.admin", _gateway.LastTokenForm["scope"]);
        Assert.All(_gateway.AuthorizationHeaders, h => Assert.StartsWith("Bearer token-1-", h, StringComparison.Ordinal));
        Assert.NotNull(provider.GetRequiredService<RecordService.RecordServiceClient>());
    }

    [Fact]
    public async Task Every_one_of_the_seven_services_has_a_typed_client_on_one_token_provider()
    {
        var services = new ServiceCollection();
        services.AddProcessorGatewayClient(o => Copy(_gateway.Options(), o));
        await using var provider = services.BuildServiceProvider();

        object[] clients =
        [
            provider.GetRequiredService<TenantService.TenantServiceClient>(),
            provider.GetRequiredService<SchemaService.SchemaServiceClient>(),
            provider.GetRequiredService<RecordService.RecordServiceClient>(),
            provider.GetRequiredService<KeyService.KeyServiceClient>(),
            provider.GetRequiredService<SubjectRightsService.SubjectRightsServiceClient>(),
            provider.GetRequiredService<ErasureService.ErasureServiceClient>(),
            provider.GetRequiredService<AuditService.AuditServiceClient>(),
        ];

        Assert.Equal(7, clients.Distinct().Count());
        Assert.Single(services, d => d.ServiceType == typeof(ClientCredentialsTokenProvider));
    }

    [Fact]
    public async Task AddProcessorGatewayClient_FromConfiguration_BindsEverySetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ProcessorGateway:Client:Address"] = _gateway.GrpcAddress.ToString(),
            ["ProcessorGateway:Client:TokenEndpoint"] = _gateway.TokenEndpoint.ToString(),
            ["ProcessorGateway:Client:ClientId"] = FakeGateway.ClientId,
            ["ProcessorGateway:Client:ClientSecret"] = FakeGateway.ClientSecret,
            ["ProcessorGateway:Client:Scopes:0"] = "records.read",
            ["ProcessorGateway:Client:Scopes:1"] = "records.write",
            ["ProcessorGateway:Client:RefreshLeeway"] = "00:01:00",
            ["ProcessorGateway:Client:AllowInsecureLoopback"] = "true",
        }).Build();
        var services = new ServiceCollection();
        services.AddProcessorGatewayClient(configuration.GetSection(GatewayClientOptions.SectionName));
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<GatewayClientOptions>>().Value;
        await provider.GetRequiredService<TenantService.TenantServiceClient>().GetTenantAsync(new GetTenantRequest { TenantId = "t" }).ResponseAsync.Bounded();

        Assert.Equal(["records.read", "records.write"], options.Scopes);
        Assert.Equal(TimeSpan.FromMinutes(1), options.RefreshLeeway);
        Assert.Equal("records.read records.write", _gateway.LastTokenForm["scope"]);
    }

    [Fact]
    public async Task AddProcessorGatewayClient_BadConfiguration_RefusedAtStartNamingTheSection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:Address"] = "http://10.0.0.5:5080",
            ["Gateway:TokenEndpoint"] = "https://gateway.example/connect/token",
            ["Gateway:AllowInsecureLoopback"] = "true",
        }).Build();
        var services = new ServiceCollection();
        services.AddProcessorGatewayClient(configuration.GetSection("Gateway"));
        await using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(ex.Failures, f => f.StartsWith("Gateway:Address is cleartext http:// to '10.0.0.5'", StringComparison.Ordinal));
        Assert.Contains("Gateway:ClientId is required.", ex.Failures);
    }

    [Fact]
    public async Task AddProcessorGatewayClient_BadOptionsWithoutStartupValidation_RefusedWhenAClientIsResolved()
    {
        var services = new ServiceCollection();
        services.AddProcessorGatewayClient(o => o.Address = new Uri("http://10.0.0.5:5080"));
        await using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<TenantService.TenantServiceClient>());

        Assert.Contains(ex.Failures, f => f.Contains("not a loopback address", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddProcessorGatewayClient_CalledTwice_RegistersServicesOnce()
    {
        var services = new ServiceCollection();
        services.AddProcessorGatewayClient(o => Copy(_gateway.Options(), o));
        services.AddProcessorGatewayClient(o => o.RefreshLeeway = TimeSpan.FromMinutes(2));
        await using var provider = services.BuildServiceProvider();

        Assert.Single(services, d => d.ServiceType == typeof(ClientCredentialsTokenProvider));
        Assert.Single(provider.GetServices<IValidateOptions<GatewayClientOptions>>());
        Assert.Equal(TimeSpan.FromMinutes(2), provider.GetRequiredService<IOptions<GatewayClientOptions>>().Value.RefreshLeeway);
        Assert.Same(provider.GetRequiredService<IAccessTokenProvider>(), provider.GetRequiredService<ClientCredentialsTokenProvider>());
    }

    private static void Copy(GatewayClientOptions from, GatewayClientOptions to)
    {
        to.Address = from.Address;
        to.TokenEndpoint = from.TokenEndpoint;
        to.ClientId = from.ClientId;
        to.ClientSecret = from.ClientSecret;
        to.AllowInsecureLoopback = from.AllowInsecureLoopback;
        foreach (var scope in from.Scopes)
        {
            to.Scopes.Add(scope);
        }
    }
}
