using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Tests.Schemas;

public sealed class LengthHidingRulesTests
{
    private static readonly FieldDefinition Email = new("email", FieldType.String, FieldClass.PersonalSearchable, "contact", ["communication"], 0, false);
    private static readonly FieldDefinition Grade = new("grade_level", FieldType.String, FieldClass.Plain, "academic", [], 0, false);

    [Theory]
    [InlineData(FieldClass.Personal)]
    [InlineData(FieldClass.PersonalSearchable)]
    [InlineData(FieldClass.Sensitive)]
    public void Every_encrypted_class_pads_by_default_and_not_when_turned_off(FieldClass fieldClass)
    {
        var field = Email with { Class = fieldClass };

        Assert.True(field.PadsLength);
        Assert.True((field with { LengthHiding = LengthHiding.On }).PadsLength);
        Assert.False((field with { LengthHiding = LengthHiding.Off }).PadsLength);
        SchemaRules.Validate([field with { LengthHiding = LengthHiding.Off }]);
    }

    [Theory]
    [InlineData(LengthHiding.On)]
    [InlineData(LengthHiding.Off)]
    public void Length_hiding_on_a_plain_field_is_refused_naming_the_field(LengthHiding setting)
    {
        var error = Assert.Throws<DomainException>(() => SchemaRules.Validate([Email, Grade with { LengthHiding = setting }]));

        Assert.Equal(("fields[1].length_hiding", DomainErrorKind.InvalidArgument), (error.Field, error.Kind));
        Assert.Contains("'grade_level' is plain", error.Message, StringComparison.Ordinal);
        Assert.False(Grade.PadsLength);
    }

    [Fact]
    public void An_unknown_length_hiding_value_is_refused() =>
        Assert.Equal("fields[0].length_hiding", Assert.Throws<DomainException>(() => SchemaRules.Validate([Email with { LengthHiding = (LengthHiding)7 }])).Field);

    [Fact]
    public void A_new_version_may_turn_length_hiding_on_or_off()
    {
        var current = new CollectionSchema("t1", "students", 1, [Email], DateTimeOffset.UnixEpoch);

        SchemaRules.CheckEvolution(current, [Email with { LengthHiding = LengthHiding.Off }]);
        SchemaRules.CheckEvolution(current with { Fields = [Email with { LengthHiding = LengthHiding.Off }] }, [Email with { LengthHiding = LengthHiding.On }]);
        Assert.NotEqual(Email, Email with { LengthHiding = LengthHiding.Off });
    }
}
