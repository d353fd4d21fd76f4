using System.Buffers.Binary;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Tests.Values;

public sealed class FieldValueCodecTests
{
    [Theory]
    [MemberData(nameof(SampleValues.AllNames), MemberType = typeof(SampleValues))]
    public void Encode_then_decode_returns_the_same_value(string sample)
    {
        var value = SampleValues.Get(sample);

        var encoded = FieldValueCodec.Encode(value);

        Assert.Equal(FieldValueCodec.GetEncodedLength(value), encoded.Length);
        Assert.Equal((byte)value.Type, encoded[0]);
        SampleValues.AssertSame(value, FieldValueCodec.Decode(encoded));
    }

    [Fact]
    public void Every_field_type_has_a_sample()
    {
        var covered = SampleValues.Names.Select(name => SampleValues.Get(name).Type).ToHashSet();

        Assert.Equal(Enum.GetValues<FieldType>().Order(), covered.Order());
    }

    [Fact]
    public void Timestamp_keeps_milliseconds_and_drops_finer_ticks()
    {
        var precise = new DateTimeOffset(2024, 5, 6, 7, 8, 9, 123, TimeSpan.FromHours(2)).AddTicks(4567);

        var decoded = (TimestampValue)FieldValueCodec.Decode(FieldValueCodec.Encode(new TimestampValue(precise)));

        Assert.Equal(new DateTimeOffset(2024, 5, 6, 5, 8, 9, 123, TimeSpan.Zero), decoded.Value);
        Assert.Equal(TimeSpan.Zero, decoded.Value.Offset);
    }

    [Fact]
    public void Encoding_is_little_endian_with_the_type_byte_first()
    {
        Assert.Equal([2, 1, 0, 0, 0, 0, 0, 0, 0], FieldValueCodec.Encode(new Int64Value(1)));
        Assert.Equal([4, 1], FieldValueCodec.Encode(new BoolValue(true)));
        Assert.Equal([7, 2, 0, 0, 0, 1, 0, 0, 0, (byte)'a', 0, 0, 0, 0], FieldValueCodec.Encode(new StringListValue(["a", ""])));
    }

    [Fact]
    public void Decode_of_empty_input_throws_FormatException()
    {
        Assert.Throws<FormatException>(() => FieldValueCodec.Decode([]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(0x7F)]
    [InlineData(0xFF)]
    public void Decode_with_unknown_type_byte_throws_FormatException(byte type)
    {
        Assert.Throws<FormatException>(() => FieldValueCodec.Decode([type, 1, 2, 3, 4, 5, 6, 7, 8]));
    }

    [Theory]
    [InlineData(FieldType.Int64, 0)]
    [InlineData(FieldType.Int64, 7)]
    [InlineData(FieldType.Int64, 9)]
    [InlineData(FieldType.Double, 0)]
    [InlineData(FieldType.Double, 4)]
    [InlineData(FieldType.Double, 16)]
    [InlineData(FieldType.Timestamp, 1)]
    [InlineData(FieldType.Timestamp, 7)]
    [InlineData(FieldType.Timestamp, 9)]
    [InlineData(FieldType.Bool, 0)]
    [InlineData(FieldType.Bool, 2)]
    public void Decode_with_wrong_payload_length_throws_FormatException(FieldType type, int payloadLength)
    {
        var input = new byte[1 + payloadLength];
        input[0] = (byte)type;

        Assert.Throws<FormatException>(() => FieldValueCodec.Decode(input));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0xFF)]
    public void Decode_of_bool_other_than_zero_or_one_throws_FormatException(byte payload)
    {
        Assert.Throws<FormatException>(() => FieldValueCodec.Decode([(byte)FieldType.Bool, payload]));
    }

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    [InlineData(253_402_300_800_000)] // one millisecond past DateTimeOffset.MaxValue
    [InlineData(-62_135_596_800_001)] // one millisecond before DateTimeOffset.MinValue
    public void Decode_of_timestamp_out_of_range_throws_FormatException(long unixMilliseconds)
    {
        var input = new byte[9];
        input[0] = (byte)FieldType.Timestamp;
        BinaryPrimitives.WriteInt64LittleEndian(input.AsSpan(1), unixMilliseconds);

        Assert.Throws<FormatException>(() => FieldValueCodec.Decode(input));
    }

    public static TheoryData<string, byte[]> MalformedLists => new()
    {
        { "no count", [] },
        { "count cut short", [1, 0, 0] },
        { "negative count", [0xFF, 0xFF, 0xFF, 0xFF] },
        { "count larger than the payload", [100, 0, 0, 0] },
        { "count of one with no item", [1, 0, 0, 0] },
        { "item length cut short", [1, 0, 0, 0, 1, 0] },
        { "negative item length", [1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF] },
        { "item longer than the payload", [1, 0, 0, 0, 5, 0, 0, 0, (byte)'a', (byte)'b'] },
        { "item length overflowing int", [1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x7F, (byte)'a'] },
        { "count of two with one item", [2, 0, 0, 0, 1, 0, 0, 0, (byte)'a', 0] },
        { "trailing bytes after the last item", [1, 0, 0, 0, 1, 0, 0, 0, (byte)'a', 0] },
        { "trailing bytes after an empty list", [0, 0, 0, 0, 0] },
        { "invalid UTF-8 in an item", [1, 0, 0, 0, 1, 0, 0, 0, 0xFF] },
    };

    [Theory]
    [MemberData(nameof(MalformedLists))]
    public void Decode_of_malformed_string_list_throws_FormatException(string scenario, byte[] payload)
    {
        Assert.False(string.IsNullOrEmpty(scenario));
        byte[] input = [(byte)FieldType.StringList, .. payload];

        Assert.Throws<FormatException>(() => FieldValueCodec.Decode(input));
    }

    public static TheoryData<string, byte[]> InvalidUtf8 => new()
    {
        { "lone continuation byte", [0x80] },
        { "0xFF", [0xFF] },
        { "truncated two-byte sequence", [(byte)'a', 0xC3] },
        { "truncated four-byte sequence", [0xF0, 0x9F, 0x98] },
        { "overlong NUL", [0xC0, 0x80] },
        { "overlong slash", [0xE0, 0x80, 0xAF] },
        { "encoded surrogate", [0xED, 0xA0, 0x80] },
        { "code point above U+10FFFF", [0xF4, 0x90, 0x80, 0x80] },
    };

    [Theory]
    [MemberData(nameof(InvalidUtf8))]
    public void Decode_of_string_with_invalid_UTF8_throws_FormatException(string scenario, byte[] payload)
    {
        Assert.False(string.IsNullOrEmpty(scenario));
        byte[] input = [(byte)FieldType.String, .. payload];

        Assert.Throws<FormatException>(() => FieldValueCodec.Decode(input));
    }

    [Fact]
    public void Encode_of_string_with_lone_surrogate_is_refused()
    {
        // Replacing it silently would change the value; the strict encoder refuses instead.
        Assert.ThrowsAny<ArgumentException>(() => FieldValueCodec.Encode(new StringValue("a\uD800b")));
    }
}
