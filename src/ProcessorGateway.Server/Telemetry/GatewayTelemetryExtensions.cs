using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MongoDB.Driver;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ProcessorGateway.Core.Telemetry;
using ProcessorGateway.Server.Hosting;

namespace ProcessorGateway.Server.Telemetry;

public static class GatewayTelemetryExtensions
{
    private const string StandardOtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// OpenTelemetry metrics (the gateway's meter, ASP.NET Core, Kestrel, the .NET runtime and HttpClient) for a
    /// Prometheus scrape on <c>Gateway:Metrics:Port</c>; and, when an OTLP collector is configured (the standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, or <c>Gateway:Metrics:OtlpEndpoint</c>, which wins), metrics, traces and logs
    /// to it. Traces hold the server span of each call with the MongoDB driver's command spans under it, and the
    /// gateway's own spans of webhook and e-mail deliveries. Nothing recorded names a person, a value or a key: spans carry methods and routes, never
    /// a JSON path's ids, a query string, a body or a query text.
    /// </summary>
    public static WebApplicationBuilder AddGatewayTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<MetricsOptions>().Bind(builder.Configuration.GetSection(MetricsOptions.SectionName)).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>());
        builder.Services.TryAddSingleton<RpcMetricsInterceptor>();
        // Its place among the interceptors is set with the others, in GatewayGrpcExtensions.InterceptorPipeline.

        // Whether an exporter exists at all is decided now, before the container is built: the settings it needs
        // are read here, while the section itself is bound (and checked at start-up) above.
        var options = builder.Configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>() ?? new MetricsOptions();
        var gatewayEndpoint = options.OtlpEndpoint is { IsAbsoluteUri: true } endpoint ? endpoint : null;
        var otlp = gatewayEndpoint is not null || !string.IsNullOrWhiteSpace(builder.Configuration[StandardOtlpEndpoint]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("processorgateway"))
            .WithMetrics(metrics => metrics.AddMeter(GatewayMeter.Name, "System.Runtime", "System.Net.Http", "System.Net.NameResolution")
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter());
        if (!otlp)
        {
            // Traces and exported logs only have somewhere to go through OTLP: without it, no spans are even recorded.
            return builder;
        }

        telemetry.WithTracing(tracing => tracing.AddSource(GatewayMeter.Name, MongoTelemetry.ActivitySourceName)
                .AddAspNetCoreInstrumentation(o =>
                {
                    // Probes and scrapes are noise; everything else is traced by route.
                    o.Filter = context => !context.Request.Path.StartsWithSegments("/grpc.health.v1.Health", StringComparison.Ordinal)
                        && !context.Request.Path.StartsWithSegments("/metrics", StringComparison.Ordinal);
                    o.RecordException = false;
                    o.EnrichWithHttpRequest = SpanRedaction.RedactRequest;
                }))
            .WithLogging(_ => { }, o =>
            {
                // The trace and span ids of the call a line belongs to travel with it.
                o.IncludeScopes = true;
                o.IncludeFormattedMessage = true;
            });
        if (gatewayEndpoint is not null)
        {
            telemetry.UseOtlpExporter(OtlpExportProtocol.Grpc, gatewayEndpoint);
        }
        else
        {
            // OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_EXPORTER_OTLP_HEADERS and the rest, as the
            // OpenTelemetry specification defines them.
            telemetry.UseOtlpExporter();
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
