using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProcessorGateway.Server.Telemetry;

namespace ProcessorGateway.Server.Hosting;

public static class GatewayDefaultsExtensions
{
    /// <summary>Listeners (TLS from mounted PEM files outside Development), logs, graceful shutdown and health.</summary>
    public static WebApplicationBuilder AddGatewayDefaults(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Transient(typeof(IOptionsFactory<>), typeof(RedactingOptionsFactory<>)));
        builder.Services.AddOptions<GatewayListenOptions>().Bind(builder.Configuration.GetSection(GatewayListenOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GatewayListenOptions>, GatewayListenOptionsValidator>();
        builder.AddGatewayLogging();
        builder.AddGracefulShutdown();
        builder.AddGatewaySettingsValidation();

        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<GatewayListenOptions>, IOptions<MetricsOptions>>((kestrel, listenOptions, metricsOptions) =>
        {
            kestrel.AddServerHeader = false;
            var listen = ValidOrNull(listenOptions);
            var tls = listen is null ? null : UsableTls(listen);
            // Bad settings are reported by start-up validation, all together; bind nothing here.
            if (listen is null || !IPAddress.TryParse(listen.Address, out var address) || (listen.HasTls && tls is null))
            {
                return;
            }

            // Order matters to tests and tools reading the log: gRPC, then HTTP/1.1 (token endpoint, JSON, gRPC-Web), then health and metrics.
            kestrel.Listen(address, listen.GrpcPort, o =>
            {
                o.Protocols = tls is null ? HttpProtocols.Http2 : HttpProtocols.Http1AndHttp2;
                UseTls(o, tls);
            });
            kestrel.Listen(address, listen.HttpPort, o =>
            {
                o.Protocols = HttpProtocols.Http1;
                UseTls(o, tls);
            });
            if (listen.HealthPort is { } healthPort)
            {
                kestrel.Listen(address, healthPort, o =>
                {
                    o.Protocols = HttpProtocols.Http2;
                    ListenerRouting.Mark(o, ListenerRouting.Health);
                });
            }

            if (ValidOrNull(metricsOptions) is { } metrics)
            {
                GatewayTelemetryExtensions.ListenForMetrics(kestrel, address, metrics);
            }
        });
        return builder;
    }

    /// <summary>Kestrel's options are built before start-up validation runs, so invalid settings here are left for it to report.</summary>
    private static T? ValidOrNull<T>(IOptions<T> options)
        where T : class
    {
        try
        {
            return options.Value;
        }
        catch (OptionsValidationException)
        {
            return null;
        }
    }

    private static TlsCertificateSource? UsableTls(GatewayListenOptions listen) =>
        listen.TlsCertificatePath is { Length: > 0 } certificate && listen.TlsKeyPath is { Length: > 0 } key && File.Exists(certificate) && File.Exists(key)
            ? new TlsCertificateSource(certificate, key, TimeProvider.System)
            : null;

    private static void UseTls(Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions listen, TlsCertificateSource? tls)
    {
        if (tls is not null)
        {
            listen.UseHttps(https => https.ServerCertificateSelector = (_, _) => tls.Current);
        }
    }
}
