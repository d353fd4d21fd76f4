using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Keys;

namespace ProcessorGateway.Server.Hosting;

/// <summary>Start-up checks for settings that Core types take as plain values, so a bad one is reported by name.</summary>
internal static class GatewaySettingsValidation
{
    public static void AddGatewaySettingsValidation(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<KeyCacheOptions>().Bind(builder.Configuration.GetSection("Gateway:KeyCache"))
            .Validate(o => o.Capacity >= 1, "Gateway:KeyCache:Capacity must be at least 1.")
            .Validate(o => o.Lifetime > TimeSpan.Zero && o.Lifetime <= TimeSpan.FromHours(1), "Gateway:KeyCache:Lifetime must be more than 0 and at most 1 hour.")
            .ValidateOnStart();
        // The cache takes its bounds from the validated options (registered before the encryption setup's own TryAdd).
        builder.Services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<KeyCacheOptions>>().Value);
    }
}
