using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Configuration;

namespace ProcessorGateway.Server.Hosting;

/// <summary>
/// Fails a section's options while the section is still configured at the top level, where it stood before every
/// section moved under <see cref="GatewaySections.Root"/>: settings there are no longer read, and a gateway left
/// on defaults (no MongoDB connection string, a lone replica without Redis) must not start as if nothing happened.
/// </summary>
internal sealed class RetiredSectionValidator<TOptions>(IConfiguration configuration, string path) : IValidateOptions<TOptions>
    where TOptions : class
{
    private readonly string _retired = path[(GatewaySections.Root.Length + 1)..];

    public ValidateOptionsResult Validate(string? name, TOptions options) =>
        configuration.GetSection(_retired).Exists()
            ? ValidateOptionsResult.Fail(
                $"{_retired} is no longer read: move its settings under {path} (environment variables {GatewaySections.EnvironmentVariable(path)}__<Setting>, not {_retired}__<Setting>).")
            : ValidateOptionsResult.Success;
}
