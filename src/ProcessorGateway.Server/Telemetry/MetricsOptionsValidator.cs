using Microsoft.Extensions.Options;

namespace ProcessorGateway.Server.Telemetry;

internal sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    private const string Section = MetricsOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        var failures = new List<string>();
        if (options.Port is < 0 or > 65535)
        {
            failures.Add($"{Section}:Port must be 0-65535.");
        }

        if (options.OtlpEndpoint is { } otlp && (!otlp.IsAbsoluteUri || (otlp.Scheme != Uri.UriSchemeHttp && otlp.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"{Section}:OtlpEndpoint must be an absolute http:// or https:// URI.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
