using Grpc.AspNetCore.Server;
using Grpc.AspNetCore.Server.Model;
using ProcessorGateway.Core.Validation;
using ProcessorGateway.Server.Audit;
using ProcessorGateway.Server.Erasure;
using ProcessorGateway.Server.Hosting;
using ProcessorGateway.Server.Keys;
using ProcessorGateway.Server.RateLimiting;
using ProcessorGateway.Server.Records;
using ProcessorGateway.Server.Schemas;
using ProcessorGateway.Server.Subjects;
using ProcessorGateway.Server.Telemetry;
using ProcessorGateway.Server.Tenants;

namespace ProcessorGateway.Server.Grpc;

public static class GatewayGrpcExtensions
{
    /// <summary>
    /// grpc-dotnet's receive limit, above the gateway's own (<see cref="Limits.MaxRequestMessageBytes"/>): a
    /// message up to here is read whole and refused by size as INVALID_ARGUMENT; one above it is refused by
    /// grpc-dotnet (RESOURCE_EXHAUSTED) as soon as its length prefix arrives, so that no request makes the
    /// server buffer more than this. A JSON body is held to the same ceiling (see <see cref="TranscodedBodyLimit"/>).
    /// </summary>
    internal const int TransportCeilingBytes = 2 * Limits.MaxRequestMessageBytes;

    /// <summary>
    /// Every call's interceptors, outermost first; the one place their order is set, for gRPC, gRPC-Web and
    /// JSON transcoding alike (all three run the same method invokers).
    /// <list type="number">
    /// <item><see cref="TranscodedRequestSizeInterceptor"/>: a JSON call's size check, first because on gRPC the same
    /// check runs in the request parser, before any interceptor, so the refusal is neither metered nor audited on either.</item>
    /// <item><see cref="RpcMetricsInterceptor"/>: sees the status the caller gets, including an UNAVAILABLE from a failed audit write.</item>
    /// <item><see cref="ClientRateLimitInterceptor"/>: refuses a client over its call rate before anything is done or audited;
    /// the refusal is metered above.</item>
    /// <item><see cref="AuditInterceptor"/>: writes the event with the status the error mapping produced, before the response leaves.</item>
    /// <item><see cref="DomainErrorInterceptor"/>: innermost, so every domain error is a status by the time anything above sees it.</item>
    /// </list>
    /// </summary>
    internal static readonly IReadOnlyList<Type> InterceptorPipeline =
        [
            typeof(TranscodedRequestSizeInterceptor), typeof(RpcMetricsInterceptor), typeof(ClientRateLimitInterceptor), typeof(AuditInterceptor),
            typeof(DomainErrorInterceptor),
        ];

    /// <summary>gRPC with its interceptor pipeline, message-size limits, JSON transcoding, gRPC-Web, reflection and health.</summary>
    public static IServiceCollection AddGatewayGrpc(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddGrpc(options =>
        {
            foreach (var interceptor in InterceptorPipeline)
            {
                options.Interceptors.Add(interceptor);
            }

            // The request size limit itself is checked where requests are parsed, so that it is INVALID_ARGUMENT
            // naming the limit; grpc-dotnet's own check (RESOURCE_EXHAUSTED) stays as a ceiling on what one
            // message may make the server buffer before that.
            options.MaxReceiveMessageSize = TransportCeilingBytes;
            options.EnableDetailedErrors = false;
        }).AddJsonTranscoding(options =>
            // Invalid arguments carry a google.rpc.BadRequest, which the JSON error body shows as a typed detail.
            options.TypeRegistry = Google.Protobuf.Reflection.TypeRegistry.FromMessages(Google.Rpc.BadRequest.Descriptor));
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks();
        UseParseCheckedBinder(services);
        return services;
    }

    public static WebApplication MapGatewayServices(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // After routing (which WebApplication puts first), so each sees the endpoint: CORS answers preflights
        // before anything asks for a token; gRPC-Web turns a browser's call into a gRPC call for everything after it.
        app.UseCors();
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        app.UseMiddleware<TranscodedBodyLimit>();
        app.UseMiddleware<OutageBeforeServiceMiddleware>();
        app.UseGatewayOpenApi();

        // Before authentication, where OpenIddict answers token requests.
        app.UseTokenEndpointLimits();
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
        var reflection = app.MapGrpcReflectionService();
        if (!app.Environment.IsDevelopment())
        {
            // It lists every service, method and message: a map for whoever finds the port. Any valid token opens it,
            // with no scope, so that a client can still discover what it may call (docs/security.md).
            reflection.RequireAuthorization();
        }

        return app;
    }

    /// <summary>
    /// After every AddGrpc (AddGrpcSwagger calls it too, and would bring grpc-dotnet's binder back, binding every
    /// method twice): grpc-dotnet's binder gives way to one that reports unparsable requests as
    /// INVALID_ARGUMENT. Only grpc-dotnet's own provider goes: JSON transcoding's, which binds the same
    /// services to HTTP routes and parses JSON itself, stays.
    /// </summary>
    private static void UseParseCheckedBinder(IServiceCollection services)
    {
        var grpcDotnet = typeof(GrpcServiceOptions).Assembly;
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(IServiceMethodProvider<>) && services[i].ImplementationType?.Assembly == grpcDotnet)
            {
                services.RemoveAt(i);
            }
        }

        services.AddSingleton(typeof(IServiceMethodProvider<>), typeof(ParseCheckedServiceMethodProvider<>));
    }
}
