using Microsoft.Extensions.Options;

namespace ProcessorGateway.Server.Hosting;

internal static class GatewayOperationsExtensions
{
    /// <summary>
    /// Structured JSON console logs outside Development, unless <c>Logging:Console:FormatterName</c> says
    /// otherwise. Log messages are templates with ids and counts: no personal values, no key material.
    /// </summary>
    public static void AddGatewayLogging(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment() && string.IsNullOrEmpty(builder.Configuration["Logging:Console:FormatterName"]))
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Logging:Console:FormatterName"] = "json",
                ["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true",
                ["Logging:Console:FormatterOptions:TimestampFormat"] = "yyyy-MM-ddTHH:mm:ss.fffZ",
            });
        }
    }

    /// <summary>
    /// On SIGTERM Kestrel stops accepting connections and waits for calls in flight, and background jobs
    /// are cancelled and stop at their next safe point, all within <c>Gateway:Shutdown:Timeout</c>
    /// (keep it below the pod's termination grace period minus its preStop pause).
    /// </summary>
    public static void AddGracefulShutdown(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ShutdownOptions>().Bind(builder.Configuration.GetSection(ShutdownOptions.SectionName))
            .Validate(o => o.Timeout >= TimeSpan.FromSeconds(1) && o.Timeout <= TimeSpan.FromMinutes(5), $"{ShutdownOptions.SectionName}:Timeout must be between 1 second and 5 minutes.")
            .ValidateOnStart();
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) => host.ShutdownTimeout = shutdown.Value.Timeout);
    }
}
