using System.Buffers.Binary;
using System.Text;

namespace ProcessorGateway.Core.Values;

/// <summary>
/// The byte form of a value before it is encrypted: one type byte, then the payload. The type byte
/// is inside the ciphertext, so a value can never be read back as another type.
/// </summary>
public static class FieldValueCodec
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static int GetEncodedLength(FieldValue value) => 1 + value switch
    {
        StringValue s => StrictUtf8.GetByteCount(s.Value),
        Int64Value or DoubleValue or TimestampValue => sizeof(long),
        BoolValue => 1,
        BytesValue b => b.Value.Length,
        StringListValue l => sizeof(int) + l.Values.Sum(v => sizeof(int) + StrictUtf8.GetByteCount(v)),
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    /// <summary>Writes <paramref name="value"/> into <paramref name="destination"/>, which is exactly <see cref="GetEncodedLength"/> long.</summary>
    public static void Encode(FieldValue value, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(value);
        destination[0] = (byte)value.Type;
        var payload = destination[1..];
        switch (value)
        {
            case StringValue s:
                StrictUtf8.GetBytes(s.Value, payload);
                break;
            case Int64Value i:
                BinaryPrimitives.WriteInt64LittleEndian(payload, i.Value);
                break;
            case DoubleValue d:
                BinaryPrimitives.WriteDoubleLittleEndian(payload, d.Value);
                break;
            case BoolValue b:
                payload[0] = b.Value ? (byte)1 : (byte)0;
                break;
            case TimestampValue t:
                BinaryPrimitives.WriteInt64LittleEndian(payload, t.Value.ToUnixTimeMilliseconds());
                break;
            case BytesValue b:
                b.Value.CopyTo(payload);
                break;
            case StringListValue l:
                BinaryPrimitives.WriteInt32LittleEndian(payload, l.Values.Count);
                var offset = sizeof(int);
                foreach (var item in l.Values)
                {
                    var written = StrictUtf8.GetBytes(item, payload[(offset + sizeof(int))..]);
                    BinaryPrimitives.WriteInt32LittleEndian(payload[offset..], written);
                    offset += sizeof(int) + written;
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(value));
        }
    }

    public static byte[] Encode(FieldValue value)
    {
        var bytes = new byte[GetEncodedLength(value)];
        Encode(value, bytes);
        return bytes;
    }

    /// <summary>Reads a value back. Malformed input throws <see cref="FormatException"/>.</summary>
    public static FieldValue Decode(ReadOnlySpan<byte> source)
    {
        if (source.IsEmpty)
        {
            throw new FormatException("empty value");
        }

        var payload = source[1..];
        try
        {
            return (FieldType)source[0] switch
            {
                FieldType.String => new StringValue(StrictUtf8.GetString(payload)),
                FieldType.Int64 => new Int64Value(ReadExactInt64(payload)),
                FieldType.Double => new DoubleValue(BitConverter.Int64BitsToDouble(ReadExactInt64(payload))),
                FieldType.Bool when payload.Length == 1 && payload[0] <= 1 => new BoolValue(payload[0] == 1),
                FieldType.Timestamp => new TimestampValue(DateTimeOffset.FromUnixTimeMilliseconds(ReadExactInt64(payload))),
                FieldType.Bytes => new BytesValue(payload.ToArray()),
                FieldType.StringList => DecodeList(payload),
                _ => throw new FormatException("unknown value type"),
            };
        }
        catch (Exception e) when (e is ArgumentException or DecoderFallbackException)
        {
            throw new FormatException("malformed value", e);
        }
    }

    private static long ReadExactInt64(ReadOnlySpan<byte> payload) =>
        payload.Length == sizeof(long) ? BinaryPrimitives.ReadInt64LittleEndian(payload) : throw new FormatException("bad length");

    private static StringListValue DecodeList(ReadOnlySpan<byte> payload)
    {
        var count = BinaryPrimitives.ReadInt32LittleEndian(payload);
        if (count < 0 || count > payload.Length)
        {
            throw new FormatException("bad list length");
        }

        var items = new List<string>(count);
        var offset = sizeof(int);
        for (var i = 0; i < count; i++)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(payload[offset..]);
            offset += sizeof(int);
            if (length < 0 || length > payload.Length - offset)
            {
                throw new FormatException("bad item length");
            }

            items.Add(StrictUtf8.GetString(payload.Slice(offset, length)));
            offset += length;
        }

        return offset == payload.Length ? new StringListValue(items) : throw new FormatException("trailing bytes");
    }
}
