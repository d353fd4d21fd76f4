using Microsoft.AspNetCore.Connections.Features;

namespace ProcessorGateway.Server.Hosting;

/// <summary>
/// Which listener a connection came in on, and what each may serve. The health and metrics listeners
/// are cleartext and may face the pod network, so they serve health or <c>/metrics</c> only (no JSON API,
/// no gRPC-Web, no OpenAPI document). The data listeners serve everything else (gRPC, gRPC-Web, the JSON
/// API, the token endpoint) and never <c>/metrics</c>; which of those a client can reach on which data
/// listener follows from its HTTP version (see <see cref="GatewayListenOptions"/>).
/// </summary>
internal static class ListenerRouting
{
    public const string Health = "health";
    public const string Metrics = "metrics";
    private const string ItemKey = "pg.listener";

    /// <summary>Marks every connection accepted by this listener.</summary>
    public static void Mark(Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions listen, string kind) =>
        listen.Use(next => connection =>
        {
            connection.Items[ItemKey] = kind;
            return next(connection);
        });

    public static IApplicationBuilder UseListenerRouting(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            string? kind = null;
            if (context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(ItemKey, out var value) == true)
            {
                kind = value as string;
            }

            var path = context.Request.Path;
            var allowed = kind switch
            {
                Health => path.StartsWithSegments("/grpc.health.v1.Health", StringComparison.Ordinal),
                Metrics => path.StartsWithSegments("/metrics", StringComparison.Ordinal),
                _ => !path.StartsWithSegments("/metrics", StringComparison.Ordinal),
            };
            if (allowed)
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
}
