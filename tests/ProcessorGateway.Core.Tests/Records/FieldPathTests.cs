using ProcessorGateway.Core.Records;

namespace ProcessorGateway.Core.Tests.Records;

public sealed class FieldPathTests
{
    [Theory]
    [InlineData("full_name", "fields.full_name")]
    [InlineData("grade_2", "fields.grade_2")]
    public void A_valid_field_name_is_named(string name, string expected) => Assert.Equal(expected, FieldPath.Of(name));

    [Theory]
    [InlineData("+44 7700 900417")]
    [InlineData("ada@example.org")]
    [InlineData("Ada Lovelace")]
    [InlineData("$set")]
    [InlineData("")]
    [InlineData(null)]
    public void A_name_that_cannot_be_a_field_is_never_echoed(string? name) => Assert.Equal("fields", FieldPath.Of(name));
}
