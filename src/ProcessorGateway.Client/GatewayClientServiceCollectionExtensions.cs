using Grpc.Net.ClientFactory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProcessorGateway.Contracts.V1;

namespace ProcessorGateway.Client;

public static class GatewayClientServiceCollectionExtensions
{
    internal const string TokenHttpClientName = "ProcessorGateway.Client.TokenEndpoint";

    /// <summary>
    /// Registers <see cref="IAccessTokenProvider"/> and a typed gRPC client for each of the seven services (Tenant,
    /// Schema, Record, Key, SubjectRights, Erasure, Audit) whose calls carry a bearer token. Options are validated at start-up.
    /// </summary>
    public static IServiceCollection AddProcessorGatewayClient(this IServiceCollection services, Action<GatewayClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<GatewayClientOptions>().Configure(configure);
        return services.AddGatewayClientServices(nameof(GatewayClientOptions) + ".");
    }

    /// <summary>As above, bound from a configuration section, e.g. <c>configuration.GetSection(GatewayClientOptions.SectionName)</c>.</summary>
    public static IServiceCollection AddProcessorGatewayClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<GatewayClientOptions>().Bind(configuration);
        var prefix = configuration is IConfigurationSection section ? section.Path + ":" : string.Empty;
        return services.AddGatewayClientServices(prefix);
    }

    private static IServiceCollection AddGatewayClientServices(this IServiceCollection services, string settingPrefix)
    {
        // A second call only adds configuration: the services below are registered once.
        if (services.Any(d => d.ServiceType == typeof(ClientCredentialsTokenProvider)))
        {
            return services;
        }

        services.AddOptions<GatewayClientOptions>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayClientOptions>>(new GatewayClientOptionsValidator(settingPrefix));
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(TokenHttpClientName, http => http.Timeout = TokenEndpointClient.Timeout);
        services.AddSingleton(CreateTokenProvider);
        services.AddSingleton<IAccessTokenProvider>(sp => sp.GetRequiredService<ClientCredentialsTokenProvider>());

        AddGatewayGrpcClient<TenantService.TenantServiceClient>(services);
        AddGatewayGrpcClient<SchemaService.SchemaServiceClient>(services);
        AddGatewayGrpcClient<RecordService.RecordServiceClient>(services);
        AddGatewayGrpcClient<KeyService.KeyServiceClient>(services);
        AddGatewayGrpcClient<SubjectRightsService.SubjectRightsServiceClient>(services);
        AddGatewayGrpcClient<ErasureService.ErasureServiceClient>(services);
        AddGatewayGrpcClient<AuditService.AuditServiceClient>(services);
        return services;
    }

    private static ClientCredentialsTokenProvider CreateTokenProvider(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IHttpClientFactory>();
        return new ClientCredentialsTokenProvider(
            () => factory.CreateClient(TokenHttpClientName),
            Options(services),
            services.GetRequiredService<TimeProvider>(),
            services.GetService<ILogger<ClientCredentialsTokenProvider>>() ?? (ILogger)NullLogger.Instance);
    }

    private static void AddGatewayGrpcClient<TClient>(IServiceCollection services)
        where TClient : class
    {
        services.AddGrpcClient<TClient>((sp, o) => o.Address = Options(sp).Address)
            .ConfigureChannel((sp, channel) =>
            {
                // The validator allowed cleartext only on loopback with AllowInsecureLoopback; without this flag
                // Grpc.Net.Client would silently drop the bearer token on that channel.
                channel.UnsafeUseInsecureChannelCallCredentials = GatewayAddress.IsCleartext(Options(sp).Address!);
            })
            .AddCallCredentials((context, metadata, sp) =>
                BearerCredentials.AddAsync(sp.GetRequiredService<IAccessTokenProvider>(), metadata, context.CancellationToken));
    }

    // Reading Value runs the validators, so an unsafe address is refused here even in a host without ValidateOnStart.
    private static GatewayClientOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<GatewayClientOptions>>().Value;
}
