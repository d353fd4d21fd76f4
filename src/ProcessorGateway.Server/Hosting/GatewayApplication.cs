using ProcessorGateway.Server.Audit;
using ProcessorGateway.Server.Auth;
using ProcessorGateway.Server.Caching;
using ProcessorGateway.Server.Development;
using ProcessorGateway.Server.Erasure;
using ProcessorGateway.Server.Grpc;
using ProcessorGateway.Server.HealthChecks;
using ProcessorGateway.Server.Keys;
using ProcessorGateway.Server.RateLimiting;
using ProcessorGateway.Server.Redis;
using ProcessorGateway.Server.Retention;
using ProcessorGateway.Server.Subjects;
using ProcessorGateway.Server.Telemetry;
using ProcessorGateway.Storage.Mongo;

namespace ProcessorGateway.Server.Hosting;

/// <summary>The host, as a table of contents. Tests build the same application with their own configuration.</summary>
public static class GatewayApplication
{
    /// <param name="environmentName">Overrides ASPNETCORE_ENVIRONMENT; set here because it must be fixed before the builder exists.</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null, string? environmentName = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, EnvironmentName = environmentName });
        configure?.Invoke(builder);

        builder.AddGatewayDefaults();
        builder.AddGatewayTelemetry();
        builder.Services.AddGatewayHealth(builder.Configuration);
        builder.Services.AddMongoStorage(builder.Configuration);
        builder.Services.AddFieldEncryption(builder.Configuration);
        builder.Services.AddRedisCoordination(builder.Configuration);
        builder.Services.AddMetadataCache(builder.Configuration);
        builder.Services.AddGatewayDomain(builder.Configuration);
        builder.Services.AddSubjectRights(builder.Configuration);
        builder.Services.AddGatewayErasure(builder.Configuration);
        builder.Services.AddGatewayRetention(builder.Configuration);
        builder.AddGatewayAuth();
        builder.AddGatewayRateLimiting();
        builder.AddGatewayAudit();
        builder.AddGatewayHttpApi();
        // Last of everything that calls AddGrpc: it swaps grpc-dotnet's method binder for the gateway's.
        builder.Services.AddGatewayGrpc();
        builder.AddDevelopmentSetup();

        var app = builder.Build();
        app.UseListenerRouting();
        app.MapGatewayServices();
        app.MapGatewayTelemetry();
        return app;
    }
}
