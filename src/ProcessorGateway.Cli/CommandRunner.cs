using System.CommandLine;
using Grpc.Core;
using Microsoft.Extensions.Options;
using ProcessorGateway.Client;

namespace ProcessorGateway.Cli;

/// <summary>Runs a command body with a connection, and turns every expected failure into a report and an exit code.</summary>
internal static class CommandRunner
{
    public static Func<ParseResult, CancellationToken, Task<int>> Action(GlobalOptions global, Func<CommandContext, CancellationToken, Task> body) =>
        (parse, cancellationToken) => RunAsync(parse, global, body, cancellationToken);

    private static async Task<int> RunAsync(ParseResult parse, GlobalOptions global, Func<CommandContext, CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        var json = parse.GetValue(global.Json);
        var failure = await TryRunAsync(parse, global, json, body, cancellationToken).ConfigureAwait(false);
        if (failure is null)
        {
            return ExitCodes.Ok;
        }

        await ErrorReport.WriteAsync(parse.InvocationConfiguration.Error, failure, json).ConfigureAwait(false);
        return failure.ExitCode;
    }

    private static async Task<CommandFailure?> TryRunAsync(
        ParseResult parse, GlobalOptions global, bool json, Func<CommandContext, CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        try
        {
            var options = ConnectionSettings.Resolve(ConnectionArguments.From(parse, global), Environment.GetEnvironmentVariable, Directory.GetCurrentDirectory());
            using var connection = GatewayConnection.Create(options);
            var timeout = TimeSpan.FromSeconds(parse.GetValue(global.TimeoutSeconds));
            var context = new CommandContext(parse, connection, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, json, timeout);
            await body(context, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (CliVerificationException ex)
        {
            return CommandFailure.Local(ExitCodes.VerificationFailed, ErrorReport.VerificationCode, ex.Message);
        }
        catch (CliUsageException ex)
        {
            return CommandFailure.Local(ExitCodes.Usage, ErrorReport.UsageCode, ex.Message);
        }
        catch (OptionsValidationException ex)
        {
            return CommandFailure.Local(ExitCodes.Usage, ErrorReport.UsageCode, string.Join("; ", ex.Failures));
        }
        catch (GatewayAuthenticationException ex)
        {
            return ErrorReport.From(ex);
        }
        catch (RpcException ex) when (ErrorReport.AuthenticationCause(ex) is { } cause)
        {
            // The token could not be had: that, not the call's wrapping of it, is what the user needs to see.
            return ErrorReport.From(cause);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            return Interrupted();
        }
        catch (RpcException ex)
        {
            return ErrorReport.From(ex);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Interrupted();
        }
        catch (HttpRequestException ex)
        {
            // Only receipt verify makes plain HTTP requests (for the published keys): the gateway is not reachable.
            return CommandFailure.OfStatus(StatusCode.Unavailable, ex.Message, $"{StatusCode.Unavailable}: {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return CommandFailure.Local(ExitCodes.Failure, ErrorReport.LocalCode, ex.Message);
        }
    }

    private static CommandFailure Interrupted() => CommandFailure.Local(ExitCodes.Interrupted, ErrorReport.InterruptedCode, "interrupted");
}
