using Google.Protobuf.WellKnownTypes;
using ProcessorGateway.Cli;
using ProcessorGateway.Client.Tests.Support;
using ProcessorGateway.Contracts.V1;
using Value = ProcessorGateway.Contracts.V1.Value;

namespace ProcessorGateway.Client.Tests.Cli;

public sealed class FieldValueParserTests
{
    private static readonly CollectionSchema Students = FakeSchemaService.Students("dev-school");

    [Theory]
    [InlineData("Ada Lovelace")]
    [InlineData("")]
    [InlineData("a=b, c")]
    public void Parse_String_TakenAsIs(string text)
    {
        Assert.Equal(text, FieldValueParser.Parse("name", FieldType.String, text).StringValue);
    }

    [Theory]
    [InlineData("42", 42L)]
    [InlineData("-7", -7L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void Parse_Int64_Valid(string text, long expected)
    {
        Assert.Equal(expected, FieldValueParser.Parse("year", FieldType.Int64, text).Int64Value);
    }

    [Theory]
    [InlineData("4.5")]
    [InlineData("1,000")]
    [InlineData(" 4")]
    [InlineData("9223372036854775808")]
    [InlineData("")]
    public void Parse_Int64_Invalid_NamesFieldAndType(string text)
    {
        var ex = Assert.Throws<CliUsageException>(() => FieldValueParser.Parse("year", FieldType.Int64, text));

        Assert.StartsWith($"field 'year' is int64, and '{text}' is not a whole number", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3.5", 3.5)]
    [InlineData("-0.25", -0.25)]
    [InlineData("1e-3", 0.001)]
    [InlineData("7", 7.0)]
    public void Parse_Double_InvariantCulture(string text, double expected)
    {
        Assert.Equal(expected, FieldValueParser.Parse("gpa", FieldType.Double, text).DoubleValue);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("3,5")]
    [InlineData("three")]
    public void Parse_Double_NotFiniteOrNotANumber_Refused(string text)
    {
        var ex = Assert.Throws<CliUsageException>(() => FieldValueParser.Parse("gpa", FieldType.Double, text));

        Assert.Contains("is double", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("False", false)]
    public void Parse_Bool_Valid(string text, bool expected)
    {
        Assert.Equal(expected, FieldValueParser.Parse("active", FieldType.Bool, text).BoolValue);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    public void Parse_Bool_Invalid(string text)
    {
        Assert.Throws<CliUsageException>(() => FieldValueParser.Parse("active", FieldType.Bool, text));
    }

    [Theory]
    [InlineData("2024-09-01", "2024-09-01T00:00:00Z")]
    [InlineData("2024-09-01T08:30", "2024-09-01T08:30:00Z")]
    [InlineData("2024-09-01T08:30:15Z", "2024-09-01T08:30:15Z")]
    [InlineData("2024-09-01T08:30:15.25Z", "2024-09-01T08:30:15.250Z")]
    [InlineData("2024-09-01T10:30:15+02:00", "2024-09-01T08:30:15Z")]
    public void Parse_Timestamp_Iso8601_NoZoneMeansUtc(string text, string expectedUtc)
    {
        var value = FieldValueParser.Parse("born", FieldType.Timestamp, text);

        Assert.Equal(Timestamp.FromDateTimeOffset(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture)), value.TimestampValue);
    }

    [Theory]
    [InlineData("01/09/2024")]
    [InlineData("2024-13-01")]
    [InlineData("yesterday")]
    public void Parse_Timestamp_NotIso8601_Refused(string text)
    {
        var ex = Assert.Throws<CliUsageException>(() => FieldValueParser.Parse("born", FieldType.Timestamp, text));

        Assert.Contains("ISO 8601", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("chess,drama", new[] { "chess", "drama" })]
    [InlineData(" chess , drama ,", new[] { "chess", "drama" })]
    [InlineData("", new string[0])]
    public void Parse_StringList_CommaSeparated(string text, string[] expected)
    {
        Assert.Equal(expected, FieldValueParser.Parse("clubs", FieldType.StringList, text).StringListValue.Values);
    }

    [Fact]
    public void Parse_Bytes_Base64()
    {
        Assert.Equal(new byte[] { 1, 2, 3, 255 }, FieldValueParser.Parse("photo", FieldType.Bytes, "AQID/w==").BytesValue.ToByteArray());
    }

    [Fact]
    public void Parse_Bytes_NotBase64_Refused()
    {
        var ex = Assert.Throws<CliUsageException>(() => FieldValueParser.Parse("photo", FieldType.Bytes, "not base64!"));

        Assert.Contains("is bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseFields_EveryType_TypedBySchema()
    {
        var fields = FieldValueParser.ParseFields(
            ["name=Ada", "year=7", "gpa=3.9", "active=true", "born=2012-05-01", "clubs=chess,drama", "photo=AQID"],
            Students);

        Assert.Equal(Value.KindOneofCase.StringValue, fields["name"].KindCase);
        Assert.Equal(7L, fields["year"].Int64Value);
        Assert.Equal(3.9, fields["gpa"].DoubleValue);
        Assert.True(fields["active"].BoolValue);
        Assert.Equal(new DateTime(2012, 5, 1, 0, 0, 0, DateTimeKind.Utc), fields["born"].TimestampValue.ToDateTime());
        Assert.Equal(["chess", "drama"], fields["clubs"].StringListValue.Values);
        Assert.Equal(3, fields["photo"].BytesValue.Length);
    }

    [Fact]
    public void ParseFields_ValueContainsEquals_SplitsAtTheFirst()
    {
        var fields = FieldValueParser.ParseFields(["name=a=b"], Students);

        Assert.Equal("a=b", fields["name"].StringValue);
    }

    [Fact]
    public void ParseFields_UnknownField_ListsTheKnownOnes()
    {
        var ex = Assert.Throws<CliUsageException>(() => FieldValueParser.ParseFields(["nmae=Ada"], Students));

        Assert.Equal("collection 'students' has no field 'nmae'; its fields are: name, year, gpa, active, born, clubs, photo.", ex.Message);
    }

    [Fact]
    public void ParseFields_SameFieldTwice_Refused()
    {
        var ex = Assert.Throws<CliUsageException>(() => FieldValueParser.ParseFields(["name=a", "name=b"], Students));

        Assert.Equal("field 'name' is given twice.", ex.Message);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("=Ada")]
    public void ParseFields_NotAnAssignment_Refused(string argument)
    {
        var ex = Assert.Throws<CliUsageException>(() => FieldValueParser.ParseFields([argument], Students));

        Assert.Equal($"--field '{argument}' is not name=value.", ex.Message);
    }

    [Fact]
    public void ParseFilters_StringListField_FiltersOnOneString()
    {
        var filters = FieldValueParser.ParseFilters(["clubs=chess,drama", "year=7"], Students);

        Assert.Equal("chess,drama", filters[0].Equals_.StringValue);
        Assert.Equal(7L, filters[1].Equals_.Int64Value);
    }

    [Fact]
    public void ValueText_RoundTripsWhatTheParserReads()
    {
        var fields = FieldValueParser.ParseFields(["born=2012-05-01T08:30:00Z", "clubs=chess,drama", "gpa=0.1", "photo=AQID/w=="], Students);

        Assert.Equal("2012-05-01T08:30:00Z", ValueText.Format(fields["born"]));
        Assert.Equal("chess,drama", ValueText.Format(fields["clubs"]));
        Assert.Equal("0.1", ValueText.Format(fields["gpa"]));
        Assert.Equal("AQID/w==", ValueText.Format(fields["photo"]));
        Assert.Equal("<masked: purpose 'fees' may not read field 'x'>", ValueText.Format(new Value { Masked = new Masked { Reason = "purpose 'fees' may not read field 'x'" } }));
    }
}
