using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProcessorGateway.Server.Redis;

namespace ProcessorGateway.Server.RateLimiting;

public static class GatewayRateLimitingExtensions
{
    /// <summary>
    /// Rate limits (<c>Gateway:RateLimits</c>): the token endpoint's limits as stages of the ASP.NET Core rate limiter
    /// (<see cref="TokenEndpointLimiter"/>), the lockout of client ids after failed authentications (in Redis when it is configured, across
    /// replicas), and the gRPC API's limit per client (<see cref="ClientRateLimitInterceptor"/>, placed by the gRPC
    /// interceptor pipeline).
    /// </summary>
    public static WebApplicationBuilder AddGatewayRateLimiting(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<RateLimitOptions>().Bind(builder.Configuration.GetSection(RateLimitOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LocalLockoutCounter>();
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{RedisOptions.SectionName}:Configuration"]))
        {
            services.TryAddSingleton<ILockoutCounter>(sp => sp.GetRequiredService<LocalLockoutCounter>());
        }
        else
        {
            services.TryAddSingleton<ILockoutCounter, RedisLockoutCounter>();
        }

        services.TryAddSingleton<ClientLockout>();
        services.TryAddSingleton<GrpcClientLimiter>();
        services.TryAddSingleton<TokenEndpointLimiter>();
        // The middleware's own services; each stage brings its own options (TokenEndpointLimiter).
        services.AddRateLimiter(_ => { });
        return builder;
    }

    /// <summary>Before authentication, where OpenIddict answers the token endpoint: the claimed client id is read, then the limits apply.</summary>
    public static IApplicationBuilder UseTokenEndpointLimits(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseClaimedClientId();
        foreach (var stage in app.ApplicationServices.GetRequiredService<TokenEndpointLimiter>().Stages)
        {
            app.UseRateLimiter(stage);
        }

        return app;
    }
}
