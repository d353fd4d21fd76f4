using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Google.Protobuf;

namespace ProcessorGateway.Cli;

/// <summary>
/// --json output: the protobuf JSON mapping of the reply with the .proto field names (snake_case, as in the protos,
/// the exports and the credentials file), indented, with defaults shown so that e.g. <c>"replayed": false</c> is there.
/// </summary>
internal static class JsonOutput
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default
        .WithFormatDefaultValues(true)
        .WithPreserveProtoFieldNames(true)
        .WithIndentation());

    public static string Format(IMessage message) => Formatter.Format(message);

    /// <summary>For the few results that are not one reply message (an export's summary, a receipt check), in the same style.</summary>
    public static string Format(Action<Utf8JsonWriter> write, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = indented,

            // Output for a terminal or a script, never for HTML: "don't" rather than "don\u0027t".
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
