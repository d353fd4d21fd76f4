using Microsoft.Extensions.Options;

namespace ProcessorGateway.Server.Redis;

internal sealed class RedisOptionsValidator : IValidateOptions<RedisOptions>
{
    private const string Section = RedisOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, RedisOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.InstanceName) || options.InstanceName.Length > 64 || options.InstanceName.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_'))
        {
            failures.Add($"{Section}:InstanceName must be 1-64 characters of letters, digits, '-' and '_'.");
        }

        if (options.LeaseLength < TimeSpan.FromSeconds(1) || options.LeaseLength > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Section}:LeaseLength must be between 1 second and 1 minute.");
        }

        if (options.AcknowledgementTimeout <= TimeSpan.Zero || options.AcknowledgementTimeout > options.LeaseLength)
        {
            failures.Add($"{Section}:AcknowledgementTimeout must be positive and no longer than {Section}:LeaseLength.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
