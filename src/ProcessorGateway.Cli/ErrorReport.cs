using System.Globalization;
using Google.Rpc;
using Grpc.Core;
using ProcessorGateway.Client;

namespace ProcessorGateway.Cli;

/// <summary>Prints failures to stderr as <c>error: &lt;what&gt;: &lt;detail&gt;</c>, with the fields a BadRequest names.</summary>
internal static class ErrorReport
{
    public static async Task WriteAsync(TextWriter error, RpcException ex)
    {
        await error.WriteLineAsync($"error: {ex.StatusCode}: {ex.Status.Detail}").ConfigureAwait(false);
        var badRequest = ex.GetRpcStatus()?.GetDetail<BadRequest>();
        foreach (var violation in badRequest?.FieldViolations ?? [])
        {
            // The gateway usually repeats the first violation as the detail; print only what the line above lacks.
            var line = violation.Description.StartsWith(violation.Field + ":", StringComparison.Ordinal)
                ? violation.Description
                : string.Create(CultureInfo.InvariantCulture, $"{violation.Field}: {violation.Description}");
            if (!ex.Status.Detail.Contains(line, StringComparison.Ordinal))
            {
                await error.WriteLineAsync("  " + line).ConfigureAwait(false);
            }
        }
    }

    public static Task WriteAsync(TextWriter error, GatewayAuthenticationException ex) =>
        error.WriteLineAsync($"error: authentication: {ex.Message}");

    /// <summary>The token failure behind a call that never started, if that is what happened.</summary>
    public static GatewayAuthenticationException? AuthenticationCause(RpcException ex)
    {
        for (var cause = ex.Status.DebugException ?? ex.InnerException; cause is not null; cause = cause.InnerException)
        {
            if (cause is GatewayAuthenticationException authentication)
            {
                return authentication;
            }
        }

        return null;
    }
}
