using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace ProcessorGateway.Server.Tests.Hostile;

/// <summary>
/// Bytes that are not a valid protobuf encoding of any message: each one makes the parser fail, whatever
/// the message type. Unknown but well-formed fields may be put in front; those alone are legal and ignored.
/// </summary>
internal static class WireDefects
{
    public static readonly string[] Names =
    [
        "truncated length-delimited field", "invalid wire type", "end group without start", "malformed varint",
        "deep group nesting", "invalid UTF-8 in a string field", "field number zero", "truncated fixed64",
    ];

    public static byte[] Make(string defect, MessageDescriptor input, Random random)
    {
        var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        if (random.Next(2) == 0)
        {
            // A legal unknown field first, so the defect is not always at offset 0.
            output.WriteTag(900 + random.Next(100), WireFormat.WireType.Varint);
            output.WriteUInt64((ulong)random.NextInt64());
        }

        var number = input.Fields.InFieldNumberOrder().Select(f => f.FieldNumber).DefaultIfEmpty(1).ElementAt(random.Next(Math.Max(1, input.Fields.InFieldNumberOrder().Count)));
        switch (defect)
        {
            case "truncated length-delimited field":
                output.WriteTag(number, WireFormat.WireType.LengthDelimited);
                output.WriteLength(16 + random.Next(1000));
                output.WriteRawTag(0x61, 0x62, 0x63);
                break;
            case "invalid wire type":
                output.WriteUInt32((uint)((number << 3) | (6 + random.Next(2))));
                output.WriteRawTag(0x01);
                break;
            case "end group without start":
                output.WriteTag(number, WireFormat.WireType.EndGroup);
                break;
            case "malformed varint":
                output.WriteTag(number, WireFormat.WireType.Varint);
                for (var i = 0; i < 11; i++)
                {
                    output.WriteRawTag(0xFF);
                }

                break;
            case "deep group nesting":
                var depth = 120 + random.Next(400);
                for (var i = 0; i < depth; i++)
                {
                    output.WriteTag(1000 + i, WireFormat.WireType.StartGroup);
                }

                for (var i = depth - 1; i >= 0; i--)
                {
                    output.WriteTag(1000 + i, WireFormat.WireType.EndGroup);
                }

                break;
            case "invalid UTF-8 in a string field":
                var text = input.Fields.InFieldNumberOrder().FirstOrDefault(f => f.FieldType == Google.Protobuf.Reflection.FieldType.String);
                output.WriteTag(text?.FieldNumber ?? number, WireFormat.WireType.LengthDelimited);
                byte[] bad = random.Next(3) switch { 0 => [0x61, 0xC3, 0x28], 1 => [0xED, 0xA0, 0x80], _ => [0xFF, 0xFE, 0x61] };
                output.WriteLength(bad.Length);
                output.Flush();
                stream.Write(bad);
                return text is null ? Make("truncated length-delimited field", input, random) : stream.ToArray();
            case "field number zero":
                output.WriteRawTag(0x00);
                output.WriteRawTag(0x01);
                break;
            case "truncated fixed64":
                output.WriteTag(number, WireFormat.WireType.Fixed64);
                output.WriteRawTag(0x01, 0x02);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(defect), defect, "unknown wire defect");
        }

        return Finish(output, stream);
    }

    private static byte[] Finish(CodedOutputStream output, MemoryStream stream)
    {
        output.Flush();
        return stream.ToArray();
    }
}
