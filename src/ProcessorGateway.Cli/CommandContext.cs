using System.CommandLine;
using Google.Protobuf;
using Grpc.Core;
using ProcessorGateway.Client;

namespace ProcessorGateway.Cli;

/// <summary>What a command body works with: the parsed line, the connection, where to print, and call options.</summary>
internal sealed class CommandContext(ParseResult parse, GatewayConnection connection, TextWriter output, TextWriter error, bool json, TimeSpan timeout)
{
    public ParseResult Parse { get; } = parse;

    public GatewayConnection Connection { get; } = connection;

    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    public bool Json { get; } = json;

    public T? Value<T>(Option<T> option) => Parse.GetValue(option);

    public T Required<T>(Option<T> option) => Parse.GetRequiredValue(option);

    public T Required<T>(Argument<T> argument) => Parse.GetRequiredValue(argument);

    /// <summary>Every call gets a deadline, so a stuck gateway ends the command instead of hanging it.</summary>
    public CallOptions Call(CancellationToken cancellationToken) =>
        new(deadline: DateTime.UtcNow + timeout, cancellationToken: cancellationToken);

    /// <summary>Prints a reply as JSON with --json, as text otherwise.</summary>
    public void Print<T>(T reply, Action<TextWriter, T> asText)
        where T : IMessage
    {
        if (Json)
        {
            Output.WriteLine(JsonOutput.Format(reply));
        }
        else
        {
            asText(Output, reply);
        }
    }

    /// <summary>Prints a result that is not one reply message: the JSON <paramref name="asJson"/> writes with --json, text otherwise.</summary>
    public void Print(Action<System.Text.Json.Utf8JsonWriter> asJson, Action<TextWriter> asText)
    {
        ArgumentNullException.ThrowIfNull(asText);
        if (Json)
        {
            Output.WriteLine(JsonOutput.Format(asJson));
        }
        else
        {
            asText(Output);
        }
    }
}
