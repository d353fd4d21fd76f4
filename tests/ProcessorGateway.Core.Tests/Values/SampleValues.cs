using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Tests.Values;

/// <summary>
/// One or more values of every <see cref="FieldType"/>, edge cases included, named so that a theory
/// case says which value failed. Shared by the codec and the cipher tests.
/// </summary>
internal static class SampleValues
{
    /// <summary>A NaN whose payload is not the canonical one, to show the bits survive, not just "NaN".</summary>
    private static readonly double NaNWithPayload = BitConverter.Int64BitsToDouble(0x7FF0_0000_0000_0001);

    private static readonly Dictionary<string, FieldValue> ByName = new(StringComparer.Ordinal)
    {
        ["string empty"] = new StringValue(""),
        ["string ASCII"] = new StringValue("Alice Example"),
        ["string non-ASCII"] = new StringValue("Zoë Ødegård-Łukasiewicz, 山田太郎, Ωμέγα 👩‍🎓"),
        ["string with NUL and controls"] = new StringValue("a\0b\r\n\t"),
        ["string longer than the stack buffer"] = new StringValue(new string('é', 3000)),
        ["int64 min"] = new Int64Value(long.MinValue),
        ["int64 max"] = new Int64Value(long.MaxValue),
        ["int64 zero"] = new Int64Value(0),
        ["int64 minus one"] = new Int64Value(-1),
        ["double NaN"] = new DoubleValue(double.NaN),
        ["double NaN with payload"] = new DoubleValue(NaNWithPayload),
        ["double negative zero"] = new DoubleValue(-0.0),
        ["double positive zero"] = new DoubleValue(0.0),
        ["double positive infinity"] = new DoubleValue(double.PositiveInfinity),
        ["double negative infinity"] = new DoubleValue(double.NegativeInfinity),
        ["double epsilon"] = new DoubleValue(double.Epsilon),
        ["double max"] = new DoubleValue(double.MaxValue),
        ["double pi"] = new DoubleValue(Math.PI),
        ["bool true"] = new BoolValue(true),
        ["bool false"] = new BoolValue(false),
        ["timestamp epoch"] = new TimestampValue(DateTimeOffset.UnixEpoch),
        ["timestamp with milliseconds"] = new TimestampValue(new DateTimeOffset(2024, 2, 29, 13, 45, 30, 123, TimeSpan.Zero)),
        ["timestamp before 1970"] = new TimestampValue(new DateTimeOffset(1969, 7, 20, 20, 17, 40, 999, TimeSpan.Zero)),
        ["timestamp min"] = new TimestampValue(DateTimeOffset.MinValue),
        ["timestamp max"] = new TimestampValue(DateTimeOffset.MaxValue),
        ["bytes empty"] = new BytesValue([]),
        ["bytes every value"] = new BytesValue(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray()),
        ["bytes longer than the stack buffer"] = new BytesValue(Enumerable.Range(0, 5000).Select(i => (byte)(i * 7)).ToArray()),
        ["string list empty"] = new StringListValue([]),
        ["string list with empty items"] = new StringListValue(["", "a", ""]),
        ["string list one empty item"] = new StringListValue([""]),
        ["string list non-ASCII"] = new StringListValue(["français", "日本語", "😀"]),
    };

    public static IEnumerable<string> Names => ByName.Keys;

    public static TheoryData<string> AllNames => new(ByName.Keys);

    public static FieldValue Get(string name) => ByName[name];

    /// <summary>
    /// Equal as values, and for doubles equal bit for bit: record equality says -0.0 == 0.0 and
    /// NaN == NaN, so it cannot see a lost sign or payload.
    /// </summary>
    public static void AssertSame(FieldValue expected, FieldValue actual)
    {
        Assert.Equal(expected.Type, actual.Type);
        Assert.Equal(expected, actual);
        if (expected is DoubleValue d)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(d.Value), BitConverter.DoubleToInt64Bits(((DoubleValue)actual).Value));
        }
    }
}
