using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ProcessorGateway.Core.Telemetry;
using ProcessorGateway.Server.Hosting;

namespace ProcessorGateway.Server.Telemetry;

public static class GatewayTelemetryExtensions
{
    /// <summary>
    /// OpenTelemetry metrics (the gateway's meter, ASP.NET Core and Kestrel) for a Prometheus scrape on
    /// <c>Gateway:Metrics:Port</c>, and traces; both also to an OTLP collector when <c>Gateway:Metrics:OtlpEndpoint</c> is set.
    /// Nothing recorded names a person, a value or a key: spans carry routes, never query strings or bodies.
    /// </summary>
    public static WebApplicationBuilder AddGatewayTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<MetricsOptions>().Bind(builder.Configuration.GetSection(MetricsOptions.SectionName)).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>());
        builder.Services.TryAddSingleton<RpcMetricsInterceptor>();
        // Its place among the interceptors is set with the others, in GatewayGrpcExtensions.InterceptorPipeline.

        // Whether an exporter exists at all is decided now, before the container is built: the one setting it needs
        // is read here, while the section itself is bound (and checked at start-up) above.
        var options = builder.Configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>() ?? new MetricsOptions();
        var otlp = options.OtlpEndpoint is { IsAbsoluteUri: true } endpoint ? endpoint : null;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("processorgateway"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(GatewayMeter.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddPrometheusExporter();
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            });
        if (otlp is not null)
        {
            // Traces only have somewhere to go through OTLP: without it, no spans are even recorded.
            telemetry.WithTracing(tracing => tracing.AddSource(GatewayMeter.Name)
                .AddAspNetCoreInstrumentation(o =>
                {
                    // Probes and scrapes are noise; everything else is traced by route.
                    o.Filter = context => !context.Request.Path.StartsWithSegments("/grpc.health.v1.Health", StringComparison.Ordinal)
                        && !context.Request.Path.StartsWithSegments("/metrics", StringComparison.Ordinal);
                    o.RecordException = false;
                })
                .AddOtlpExporter(o => o.Endpoint = otlp));
        }

        return builder;
    }

    /// <summary>Binds the cleartext scrape listener (after the data listeners, so their order is unchanged).</summary>
    internal static void ListenForMetrics(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions kestrel, System.Net.IPAddress address, MetricsOptions options)
    {
        if (options.Port is { } port)
        {
            kestrel.Listen(address, port, o =>
            {
                o.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1;
                ListenerRouting.Mark(o, ListenerRouting.Metrics);
            });
        }
    }

    public static WebApplication MapGatewayTelemetry(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPrometheusScrapingEndpoint();
        return app;
    }
}
