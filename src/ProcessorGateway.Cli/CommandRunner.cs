using System.CommandLine;
using Grpc.Core;
using Microsoft.Extensions.Options;
using ProcessorGateway.Client;

namespace ProcessorGateway.Cli;

/// <summary>Runs a command body with a connection, and turns every expected failure into a message and an exit code.</summary>
internal static class CommandRunner
{
    public static Func<ParseResult, CancellationToken, Task<int>> Action(GlobalOptions global, Func<CommandContext, CancellationToken, Task> body) =>
        (parse, cancellationToken) => RunAsync(parse, global, body, cancellationToken);

    private static async Task<int> RunAsync(ParseResult parse, GlobalOptions global, Func<CommandContext, CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        try
        {
            var options = ConnectionSettings.Resolve(ConnectionArguments.From(parse, global), Environment.GetEnvironmentVariable, Directory.GetCurrentDirectory());
            using var connection = GatewayConnection.Create(options);
            var timeout = TimeSpan.FromSeconds(parse.GetValue(global.TimeoutSeconds));
            await body(new CommandContext(parse, connection, output, error, parse.GetValue(global.Json), timeout), cancellationToken).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        catch (CliVerificationException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.VerificationFailed;
        }
        catch (CliUsageException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                await error.WriteLineAsync($"error: {failure}").ConfigureAwait(false);
            }

            return ExitCodes.Usage;
        }
        catch (GatewayAuthenticationException ex)
        {
            await ErrorReport.WriteAsync(error, ex).ConfigureAwait(false);
            return ExitCodes.Authentication;
        }
        catch (RpcException ex) when (ErrorReport.AuthenticationCause(ex) is { } cause)
        {
            // The token could not be had: that, not the call's wrapping of it, is what the user needs to see.
            await ErrorReport.WriteAsync(error, cause).ConfigureAwait(false);
            return ExitCodes.Authentication;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("error: interrupted").ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }
        catch (RpcException ex)
        {
            await ErrorReport.WriteAsync(error, ex).ConfigureAwait(false);
            return ExitCodes.For(ex.StatusCode);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("error: interrupted").ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }
    }
}
