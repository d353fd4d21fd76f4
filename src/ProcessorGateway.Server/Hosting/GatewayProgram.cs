using Microsoft.Extensions.Options;

namespace ProcessorGateway.Server.Hosting;

/// <summary>The process entry: runs the gateway, and turns a configuration that fails validation into a clear exit.</summary>
public static class GatewayProgram
{
    /// <summary>sysexits.h EX_CONFIG: the pod's status shows the gateway stopped on its configuration.</summary>
    public const int ConfigurationError = 78;

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            await using var app = GatewayApplication.Create(args);
            await app.RunAsync().ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (Failures(e) is { Count: > 0 } failures)
        {
            // Messages name settings by their configuration path, never their values.
            await Console.Error.WriteLineAsync("ProcessorGateway cannot start: invalid configuration.").ConfigureAwait(false);
            foreach (var failure in failures)
            {
                await Console.Error.WriteLineAsync("  - " + failure).ConfigureAwait(false);
            }

            return ConfigurationError;
        }
    }

    private static List<string>? Failures(Exception e) => e switch
    {
        OptionsValidationException one => [.. one.Failures],
        AggregateException all when all.InnerExceptions.All(i => i is OptionsValidationException) =>
            all.InnerExceptions.Cast<OptionsValidationException>().SelectMany(i => i.Failures).ToList(),
        // A section read while the services are registered, before the options factory could redact it.
        _ => BadConversion.Describe(e) is { } failure ? [failure] : null,
    };
}
