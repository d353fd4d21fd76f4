using Grpc.AspNetCore.Server.Model;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProcessorGateway.Core.Validation;
using ProcessorGateway.Server.Audit;

namespace ProcessorGateway.Server.Grpc;

public static class GatewayGrpcExtensions
{
    /// <summary>gRPC with the error-mapping interceptor, message-size limits, reflection and health.</summary>
    public static IServiceCollection AddGatewayGrpc(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddGrpc(options =>
        {
            // Outermost first: the audit interceptor sees the status the error mapping produced.
            options.Interceptors.Add<AuditInterceptor>();
            options.Interceptors.Add<DomainErrorInterceptor>();
            // A record's values are bounded by Limits; the envelope adds little on top.
            options.MaxReceiveMessageSize = Limits.MaxRecordPayloadBytes + (1024 * 1024);
            options.EnableDetailedErrors = false;
        });
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks();
        // After every AddGrpc: grpc-dotnet's binder gives way to one that reports unparsable requests as INVALID_ARGUMENT.
        services.RemoveAll(typeof(IServiceMethodProvider<>));
        services.AddSingleton(typeof(IServiceMethodProvider<>), typeof(ParseCheckedServiceMethodProvider<>));
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
        app.MapGrpcService<AuditGrpcService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }
}
