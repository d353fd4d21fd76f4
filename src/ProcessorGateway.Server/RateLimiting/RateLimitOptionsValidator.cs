using Microsoft.Extensions.Options;

namespace ProcessorGateway.Server.RateLimiting;

internal sealed class RateLimitOptionsValidator(IHostEnvironment environment) : IValidateOptions<RateLimitOptions>
{
    private const string Section = RateLimitOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var failures = new List<string>();
        if (!options.Enabled && !environment.IsDevelopment())
        {
            failures.Add($"{Section}:Enabled may be false in Development only: the token endpoint needs its limits wherever it faces a network.");
        }

        failures.AddRange(options.TokenPerAddress.Problems($"{Section}:TokenPerAddress"));
        failures.AddRange(options.TokenPerClient.Problems($"{Section}:TokenPerClient"));
        failures.AddRange(options.GrpcPerClient.Problems($"{Section}:GrpcPerClient"));
        failures.AddRange(options.Lockout.Problems($"{Section}:Lockout"));
        if (options.Pbkdf2Concurrency is < 1 or > 256)
        {
            failures.Add($"{Section}:Pbkdf2Concurrency must be between 1 and 256.");
        }

        if (options.Pbkdf2QueueLimit is < 0 or > 10_000)
        {
            failures.Add($"{Section}:Pbkdf2QueueLimit must be between 0 and 10000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
