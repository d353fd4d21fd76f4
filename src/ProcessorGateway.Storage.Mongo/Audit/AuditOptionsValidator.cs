using System.Globalization;
using Microsoft.Extensions.Options;
using MongoDB.Driver;

namespace ProcessorGateway.Storage.Mongo.Audit;

/// <summary>Checks the <c>Gateway:Audit</c> section once at start-up, naming each bad setting by its configuration path.</summary>
internal sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    private const string Section = AuditOptions.SectionName;

    /// <summary>Each source held costs a few hundred bytes between flushes, and one event per interval when written.</summary>
    private const int MaxUnauthenticatedSources = 1_000_000;

    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            try
            {
                _ = MongoUrl.Create(options.ConnectionString);
            }
            catch (MongoConfigurationException)
            {
                // The message would echo the string, credentials included.
                failures.Add($"{Section}:ConnectionString is not a valid MongoDB connection string.");
            }
        }

        if (options.Database is { Length: > 0 } database && (database.Length > 63 || database.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '_' and not '-')))
        {
            failures.Add($"{Section}:Database must be 1-63 characters of letters, digits, '_' and '-'.");
        }

        if (options.GroupCommitWindow < TimeSpan.Zero || options.GroupCommitWindow > TimeSpan.FromSeconds(1))
        {
            failures.Add($"{Section}:GroupCommitWindow must be between 0 and 1 second.");
        }

        if (options.MaxBatchSize < 1 || options.MaxBatchSize > AuditBlockIds.MaxEventsPerBlock)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{Section}:MaxBatchSize must be between 1 and {AuditBlockIds.MaxEventsPerBlock}."));
        }

        if (options.CheckpointInterval < TimeSpan.FromMilliseconds(10) || options.CheckpointInterval > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{Section}:CheckpointInterval must be between 10 milliseconds and 5 minutes.");
        }

        if (options.Retention < Core.Audit.AuditRetention.MinPeriod || options.Retention > Core.Audit.AuditRetention.MaxPeriod)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Section}:Retention must be between {Core.Audit.AuditRetention.MinDays} days and {Core.Audit.AuditRetention.MaxDays} days (10 years)."));
        }

        if (options.RetentionInterval < TimeSpan.FromMinutes(1) || options.RetentionInterval > TimeSpan.FromDays(1))
        {
            failures.Add($"{Section}:RetentionInterval must be between 1 minute and 1 day.");
        }

        if (options.UnauthenticatedInterval <= TimeSpan.Zero || options.UnauthenticatedInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"{Section}:UnauthenticatedInterval must be more than 0 and at most 1 hour.");
        }

        if (options.UnauthenticatedMaxSources < 1 || options.UnauthenticatedMaxSources > MaxUnauthenticatedSources)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{Section}:UnauthenticatedMaxSources must be between 1 and {MaxUnauthenticatedSources}."));
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(2))
        {
            failures.Add($"{Section}:Timeout must be between 0 and 2 minutes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
