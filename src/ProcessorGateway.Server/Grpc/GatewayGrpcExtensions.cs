using ProcessorGateway.Core.Validation;

namespace ProcessorGateway.Server.Grpc;

public static class GatewayGrpcExtensions
{
    /// <summary>gRPC with the error-mapping interceptor, message-size limits, reflection and health.</summary>
    public static IServiceCollection AddGatewayGrpc(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddGrpc(options =>
        {
            options.Interceptors.Add<DomainErrorInterceptor>();
            // A record's values are bounded by Limits; the envelope adds little on top.
            options.MaxReceiveMessageSize = Limits.MaxRecordPayloadBytes + (1024 * 1024);
            options.EnableDetailedErrors = false;
        });
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks();
        return services;
    }

    public static WebApplication MapGatewayServices(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<OutageBeforeServiceMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGrpcService<TenantGrpcService>();
        app.MapGrpcService<SchemaGrpcService>();
        app.MapGrpcService<RecordGrpcService>();
        app.MapGrpcService<KeyGrpcService>();
        app.MapGrpcService<SubjectRightsGrpcService>();
        app.MapGrpcService<ErasureGrpcService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }
}
