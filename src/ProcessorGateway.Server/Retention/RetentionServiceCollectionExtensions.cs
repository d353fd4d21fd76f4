using Microsoft.Extensions.DependencyInjection.Extensions;
using ProcessorGateway.Core.Retention;

namespace ProcessorGateway.Server.Retention;

public static class RetentionServiceCollectionExtensions
{
    /// <summary>Retention of collections and fields: the due dates on reads and the job that enforces them (docs/retention.md).</summary>
    public static IServiceCollection AddGatewayRetention(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.SectionName))
            .Validate(o => o.Interval >= TimeSpan.FromMilliseconds(100), $"{RetentionOptions.SectionName}:Interval must be at least 100 ms.")
            .Validate(o => o.BatchSize is >= 1 and <= RetentionOptions.MaxBatchSize,
                $"{RetentionOptions.SectionName}:BatchSize must be 1 to {RetentionOptions.MaxBatchSize}.")
            .ValidateOnStart();
        services.TryAddSingleton<ExpiryReader>();
        services.TryAddSingleton<RetentionEnforcer>();
        services.TryAddSingleton<RetentionMetrics>();
        services.AddHostedService<RetentionJob>();
        return services;
    }
}
