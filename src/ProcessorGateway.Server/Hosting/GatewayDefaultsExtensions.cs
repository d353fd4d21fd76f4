using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace ProcessorGateway.Server.Hosting;

public static class GatewayDefaultsExtensions
{
    /// <summary>Listeners and cross-cutting defaults.</summary>
    public static WebApplicationBuilder AddGatewayDefaults(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<GatewayListenOptions>().Bind(builder.Configuration.GetSection(GatewayListenOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GatewayListenOptions>, GatewayListenOptionsValidator>();

        var listen = builder.Configuration.GetSection(GatewayListenOptions.SectionName).Get<GatewayListenOptions>() ?? new GatewayListenOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (IPAddress.TryParse(listen.Address, out var address))
            {
                kestrel.Listen(address, listen.GrpcPort, o => o.Protocols = HttpProtocols.Http2);
                kestrel.Listen(address, listen.HttpPort, o => o.Protocols = HttpProtocols.Http1);
            }
        });
        builder.Services.AddHealthChecks();
        return builder;
    }
}
