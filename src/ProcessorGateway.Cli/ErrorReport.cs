using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using ProcessorGateway.Client;

namespace ProcessorGateway.Cli;

/// <summary>
/// Turns what went wrong into a <see cref="CommandFailure"/> and prints it on stderr: as text, or with --json as one
/// JSON object on one line, <c>{"error":{"code":"NOT_FOUND","status":5,"message":"...","details":[...]}}</c>.
/// stdout is left to results, so a failed <c>pgctl --json ... &gt; out.json</c> never leaves an error posing as one.
/// </summary>
internal static class ErrorReport
{
    public const string UsageCode = "USAGE";
    public const string VerificationCode = "VERIFICATION_FAILED";
    public const string InterruptedCode = "INTERRUPTED";
    public const string LocalCode = "LOCAL_ERROR";

    private const string OAuthDomain = "oauth2.token_endpoint";

    // The details the gateway sends are google.rpc error details; any other type is shown by its type URL alone.
    private static readonly JsonFormatter DetailFormatter = new(JsonFormatter.Settings.Default
        .WithPreserveProtoFieldNames(true)
        .WithTypeRegistry(TypeRegistry.FromFiles(ErrorDetailsReflection.Descriptor)));

    public static CommandFailure From(RpcException ex)
    {
        var details = ex.GetRpcStatus()?.Details.ToList() ?? [];
        var notes = new List<string>();
        foreach (var violation in details.Where(d => d.Is(BadRequest.Descriptor)).SelectMany(d => d.Unpack<BadRequest>().FieldViolations))
        {
            // The gateway usually repeats the first violation as the detail; note only what the headline lacks.
            var line = violation.Description.StartsWith(violation.Field + ":", StringComparison.Ordinal)
                ? violation.Description
                : string.Create(CultureInfo.InvariantCulture, $"{violation.Field}: {violation.Description}");
            if (!ex.Status.Detail.Contains(line, StringComparison.Ordinal))
            {
                notes.Add(line);
            }
        }

        return CommandFailure.OfStatus(ex.StatusCode, ex.Status.Detail, $"{ex.StatusCode}: {ex.Status.Detail}") with { Details = details, Notes = notes };
    }

    /// <summary>A refusal is UNAUTHENTICATED (fix the credentials); no answer at all is UNAVAILABLE (try again later).</summary>
    public static CommandFailure From(GatewayAuthenticationException ex)
    {
        var status = ex.StatusCode is null ? StatusCode.Unavailable : StatusCode.Unauthenticated;
        var info = new ErrorInfo { Domain = OAuthDomain, Reason = ex.Error ?? (ex.StatusCode is null ? "unreachable" : "no_oauth_error") };
        if (ex.StatusCode is { } http)
        {
            info.Metadata["http_status"] = ((int)http).ToString(CultureInfo.InvariantCulture);
        }

        return CommandFailure.OfStatus(status, ex.Message, $"authentication: {ex.Message}") with { Details = [info] };
    }

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

    public static async Task WriteAsync(TextWriter error, CommandFailure failure, bool json)
    {
        if (json)
        {
            await error.WriteLineAsync(ToJson(failure)).ConfigureAwait(false);
            return;
        }

        await error.WriteLineAsync("error: " + failure.Headline).ConfigureAwait(false);
        foreach (var note in failure.Notes)
        {
            await error.WriteLineAsync("  " + note).ConfigureAwait(false);
        }
    }

    /// <summary>One line, so that a log or a script reading stderr line by line gets the whole error at once.</summary>
    public static string ToJson(CommandFailure failure) => JsonOutput.Format(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteString("code", failure.Code);
        if (failure.Status is { } status)
        {
            writer.WriteNumber("status", (int)status);
        }

        writer.WriteString("message", failure.Message);
        writer.WriteNumber("exit_code", failure.ExitCode);
        writer.WriteStartArray("details");
        foreach (var detail in failure.Details)
        {
            // Re-read so it is written like the rest of the line (the formatter spaces its output out).
            using var formatted = JsonDocument.Parse(FormatDetail(detail));
            formatted.RootElement.WriteTo(writer);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }, indented: false);

    private static string FormatDetail(IMessage detail)
    {
        var any = detail as Any ?? Any.Pack(detail);
        try
        {
            return DetailFormatter.Format(any);
        }
        catch (InvalidOperationException)
        {
            // A type outside the registry: its name at least, rather than losing the whole error.
            return $"{{\"@type\":\"{JsonEncodedText.Encode(any.TypeUrl)}\"}}";
        }
    }
}
