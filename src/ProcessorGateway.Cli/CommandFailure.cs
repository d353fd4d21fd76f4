using Google.Protobuf;
using Grpc.Core;

namespace ProcessorGateway.Cli;

/// <summary>
/// One failed command, whatever failed: the gateway's status, the token endpoint, the command line or a check. Printed
/// by <see cref="ErrorReport"/> as text (<c>error: ...</c>) or, with --json, as one JSON object.
/// </summary>
/// <param name="Code">A gRPC status name (NOT_FOUND) or one of pgctl's own (USAGE, VERIFICATION_FAILED, ...).</param>
/// <param name="Status">The gRPC status number, when the failure is one.</param>
/// <param name="Headline">The text form's first line, after <c>error: </c>.</param>
internal sealed record CommandFailure(int ExitCode, string Code, StatusCode? Status, string Message, string Headline)
{
    /// <summary>The google.rpc details (BadRequest, ErrorInfo, ...) of the status, as the gateway or pgctl attached them.</summary>
    public IReadOnlyList<IMessage> Details { get; init; } = [];

    /// <summary>Lines the text form prints under the headline; the JSON form has them in <see cref="Details"/>.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public static CommandFailure Local(int exitCode, string code, string message) => new(exitCode, code, null, message, message);

    public static CommandFailure OfStatus(StatusCode status, string message, string headline) =>
        new(ExitCodes.For(status), ExitCodes.NameOf(status), status, message, headline);
}
