using Microsoft.Extensions.Options;
using ProcessorGateway.Storage.Mongo.Audit;

namespace ProcessorGateway.Server.Audit;

/// <summary>Auditing may be switched off to measure its cost, never in Production.</summary>
internal sealed class AuditProductionValidator(IHostEnvironment environment) : IValidateOptions<AuditOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditOptions options) =>
        !options.Enabled && environment.IsProduction()
            ? ValidateOptionsResult.Fail($"{AuditOptions.SectionName}:Enabled may not be false in Production: every access must be audited.")
            : ValidateOptionsResult.Success;
}
