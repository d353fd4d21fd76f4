using Microsoft.Extensions.Options;
using MongoDB.Driver;
using ProcessorGateway.Core.Configuration;

namespace ProcessorGateway.Storage.Mongo;

/// <summary>Checks the <c>Gateway:Mongo</c> section once at start-up, naming each bad setting by its configuration path.</summary>
internal sealed class MongoStorageOptionsValidator : IValidateOptions<MongoStorageOptions>
{
    private const string Section = MongoStorageOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, MongoStorageOptions options)
    {
        var failures = new List<string>();
        CheckConnectionString(options.ConnectionString, $"{Section}:ConnectionString", required: true, failures);
        CheckConnectionString(options.KeyVaultConnectionString, $"{Section}:KeyVaultConnectionString", required: false, failures);
        CheckDatabase(options.Database, $"{Section}:Database", failures);
        CheckDatabase(options.KeyVaultDatabase, $"{Section}:KeyVaultDatabase", failures);
        CheckConnectionString(options.LedgerConnectionString, $"{Section}:LedgerConnectionString", required: false, failures);
        CheckDatabase(options.LedgerDatabase, $"{Section}:LedgerDatabase", failures);
        if (options.LedgerDatabase == options.Database || options.LedgerDatabase == options.KeyVaultDatabase)
        {
            failures.Add($"{Section}:LedgerDatabase must differ from {Section}:Database and {Section}:KeyVaultDatabase: the ledger is never restored with them.");
        }
        if (options.ServerSelectionTimeout <= TimeSpan.Zero || options.ServerSelectionTimeout > TimeSpan.FromMinutes(2))
        {
            failures.Add($"{Section}:ServerSelectionTimeout must be between 0 and 2 minutes.");
        }

        if (options.OperationTimeout <= TimeSpan.Zero || options.OperationTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{Section}:OperationTimeout must be between 0 and 5 minutes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckConnectionString(string? value, string path, bool required, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                failures.Add($"{path} is required (environment variable {GatewaySections.EnvironmentVariable(path)}).");
            }

            return;
        }

        try
        {
            _ = MongoUrl.Create(value);
        }
        catch (MongoConfigurationException)
        {
            // The message would echo the string, credentials included.
            failures.Add($"{path} is not a valid MongoDB connection string.");
        }
    }

    private static void CheckDatabase(string value, string path, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 63 || value.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '_' and not '-'))
        {
            failures.Add($"{path} must be 1-63 characters of letters, digits, '_' and '-'.");
        }
    }
}
