using Google.Protobuf;

namespace ProcessorGateway.Cli;

/// <summary>The protobuf JSON mapping, indented, with defaults shown so that e.g. <c>"replayed": false</c> is visible.</summary>
internal static class JsonOutput
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true).WithIndentation());

    public static string Format(IMessage message) => Formatter.Format(message);
}
