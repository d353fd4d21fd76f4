using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Tests.Schemas;

public sealed class WritePurposeRulesTests
{
    private static readonly FieldDefinition Notes =
        new("medical_notes", FieldType.String, FieldClass.Sensitive, "health", ["safeguarding", "administration"], 0, false);

    private static readonly FieldDefinition Grade = new("grade_level", FieldType.String, FieldClass.Plain, "academic", [], 0, false);

    [Fact]
    public void Without_a_write_list_the_purposes_that_read_a_field_write_it()
    {
        Assert.True(Notes.IsWritableFor("safeguarding"));
        Assert.True(Notes.IsWritableFor("administration"));
        Assert.False(Notes.IsWritableFor("fees"));
        Assert.True(Grade.IsWritableFor("fees"));
    }

    [Fact]
    public void A_write_list_refuses_a_purpose_that_may_read_the_field()
    {
        var narrowed = Notes with { WritePurposes = ["safeguarding"] };

        Assert.True(narrowed.IsReadableFor("administration"));
        Assert.False(narrowed.IsWritableFor("administration"));
        Assert.True(narrowed.IsWritableFor("safeguarding"));
    }

    [Fact]
    public void A_write_list_narrows_a_plain_field_any_purpose_reads()
    {
        var narrowed = Grade with { WritePurposes = ["academic"] };

        SchemaRules.Validate([narrowed]);
        Assert.True(narrowed.IsReadableFor("fees"));
        Assert.False(narrowed.IsWritableFor("fees"));
        Assert.True(narrowed.IsWritableFor("academic"));
    }

    [Fact]
    public void A_write_purpose_outside_the_fields_purposes_is_invalid_and_named()
    {
        var error = Assert.Throws<DomainException>(() => SchemaRules.Validate([Grade, Notes with { WritePurposes = ["safeguarding", "fees"] }]));

        Assert.Equal(DomainErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("fields[1].write_purposes[1]", error.Field);
        Assert.Contains("'fees' is not among the field's purposes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_write_purpose_must_be_an_identifier()
    {
        var error = Assert.Throws<DomainException>(() => SchemaRules.Validate([Grade with { WritePurposes = ["Fees!"] }]));
        Assert.Equal("fields[0].write_purposes[0]", error.Field);
    }

    [Fact]
    public void A_new_version_may_change_a_fields_write_list()
    {
        var current = new CollectionSchema("t1", "students", 1, [Notes], DateTimeOffset.UnixEpoch);
        SchemaRules.CheckEvolution(current, [Notes with { WritePurposes = ["safeguarding"] }]);
    }

    [Fact]
    public void Two_definitions_that_differ_only_in_their_write_list_are_different()
    {
        Assert.NotEqual(Notes, Notes with { WritePurposes = ["safeguarding"] });
        Assert.Equal(Notes with { WritePurposes = ["safeguarding"] }, Notes with { WritePurposes = ["safeguarding"] });
    }

    [Theory]
    [InlineData("students", "full_name", "fees", false)]
    [InlineData("students", "full_name", "support", true)]
    [InlineData("students", "date_of_birth", "academic", false)]
    [InlineData("students", "medical_notes", "fees", false)]
    [InlineData("students", "medical_notes", "safeguarding", true)]
    [InlineData("students", "email", "communication", true)]
    [InlineData("grades", "score", "analytics", false)]
    [InlineData("grades", "score", "academic", true)]
    [InlineData("staff", "full_name", "communication", false)]
    [InlineData("guardians", "full_name", "fees", false)]
    public void The_templates_narrow_who_writes_names_dates_of_birth_and_scores(string collection, string field, string purpose, bool writable)
    {
        var definition = EducationTemplates.Find(collection)!.Fields.Single(f => f.Name == field);
        Assert.True(definition.IsReadableFor(purpose) || !writable);
        Assert.Equal(writable, definition.IsWritableFor(purpose));
    }
}
