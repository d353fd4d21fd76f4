using Grpc.AspNetCore.Server.Model;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProcessorGateway.Core.Validation;
using ProcessorGateway.Server.Audit;

namespace ProcessorGateway.Server.Grpc;

public static class GatewayGrpcExtensions
{
    /// <summary>
    /// grpc-dotnet's receive limit, above the gateway's own (<see cref="Limits.MaxRequestMessageBytes"/>): a
    /// message up to here is read whole and refused by size as INVALID_ARGUMENT; one above it is refused by
    /// grpc-dotnet (RESOURCE_EXHAUSTED) as soon as its length prefix arrives, so that no request makes the
    /// server buffer more than this.
    /// </summary>
    internal const int TransportCeilingBytes = 2 * Limits.MaxRequestMessageBytes;

    /// <summary>gRPC with the error-mapping interceptor, message-size limits, reflection and health.</summary>
    public static IServiceCollection AddGatewayGrpc(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddGrpc(options =>
        {
            // Outermost first: the audit interceptor sees the status the error mapping produced.
            options.Interceptors.Add<AuditInterceptor>();
            options.Interceptors.Add<DomainErrorInterceptor>();
            // The request size limit itself is checked where requests are parsed, so that it is INVALID_ARGUMENT
            // naming the limit; grpc-dotnet's own check (RESOURCE_EXHAUSTED) stays as a ceiling on what one
            // message may make the server buffer before that.
            options.MaxReceiveMessageSize = TransportCeilingBytes;
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
