using Microsoft.Extensions.Options;
using ProcessorGateway.Server.Redis;
using ProcessorGateway.Server.Telemetry;
using ProcessorGateway.Storage.Mongo;
using ProcessorGateway.Storage.Mongo.Audit;

namespace ProcessorGateway.Server.Hosting;

/// <summary>Start-up checks on the configuration as a whole, beyond what each options class checks of its own section.</summary>
internal static class GatewaySettingsValidation
{
    /// <summary>The sections that stood at the top level until they moved under <c>Gateway</c>: each fails start-up where it used to be.</summary>
    public static void AddGatewaySettingsValidation(this WebApplicationBuilder builder)
    {
        Retire<MongoStorageOptions>(builder, MongoStorageOptions.SectionName);
        Retire<RedisOptions>(builder, RedisOptions.SectionName);
        Retire<MetricsOptions>(builder, MetricsOptions.SectionName);
        Retire<AuditOptions>(builder, AuditOptions.SectionName);
    }

    private static void Retire<TOptions>(WebApplicationBuilder builder, string path)
        where TOptions : class
    {
        builder.Services.AddSingleton<IValidateOptions<TOptions>>(new RetiredSectionValidator<TOptions>(builder.Configuration, path));
        builder.Services.AddOptions<TOptions>().ValidateOnStart();
    }
}
