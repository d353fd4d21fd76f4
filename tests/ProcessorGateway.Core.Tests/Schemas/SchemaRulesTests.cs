using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Tests.Schemas;

public sealed class SchemaRulesTests
{
    private static readonly FieldDefinition Name = new("full_name", FieldType.String, FieldClass.PersonalSearchable, "identity", ["academic"], 0, true);
    private static readonly FieldDefinition Grade = new("grade_level", FieldType.String, FieldClass.Plain, "academic", [], 0, false);

    [Fact]
    public void Every_education_template_is_a_valid_schema()
    {
        Assert.Equal(["students", "guardians", "staff", "attendance", "grades", "fees", "communications"], EducationTemplates.All.Select(t => t.Collection));
        foreach (var template in EducationTemplates.All)
        {
            SchemaRules.Validate(template.Fields);
        }
    }

    [Fact]
    public void Personal_field_without_purposes_is_invalid()
    {
        var error = Assert.Throws<DomainException>(() => SchemaRules.Validate([Name with { Purposes = [] }]));
        Assert.Equal("fields[0].purposes", error.Field);
    }

    [Fact]
    public void Duplicate_field_names_are_invalid()
    {
        var error = Assert.Throws<DomainException>(() => SchemaRules.Validate([Grade, Grade]));
        Assert.Equal("fields[1].name", error.Field);
    }

    [Fact]
    public void Searchable_double_field_is_invalid()
    {
        var error = Assert.Throws<DomainException>(() => SchemaRules.Validate([Name with { Type = FieldType.Double }]));
        Assert.Equal("fields[0].field_class", error.Field);
    }

    [Fact]
    public void Empty_schema_is_invalid() =>
        Assert.Equal("fields", Assert.Throws<DomainException>(() => SchemaRules.Validate([])).Field);

    [Fact]
    public void New_version_may_not_change_a_kept_fields_type_or_class()
    {
        var current = new CollectionSchema("t1", "students", 1, [Name, Grade], DateTimeOffset.UnixEpoch);

        Assert.Equal("fields[1].type", Assert.Throws<DomainException>(() => SchemaRules.CheckEvolution(current, [Name, Grade with { Type = FieldType.Int64 }])).Field);
        Assert.Equal("fields[0].field_class", Assert.Throws<DomainException>(() => SchemaRules.CheckEvolution(current, [Name with { Class = FieldClass.Plain }])).Field);
        SchemaRules.CheckEvolution(current, [Name with { Purposes = ["academic", "fees"] }, Grade with { Name = "grade_level_2" }]);
    }

    [Fact]
    public void A_field_dropped_and_re_added_keeps_the_type_and_class_it_had_in_any_earlier_version()
    {
        var secret = new FieldDefinition("secret", FieldType.String, FieldClass.Sensitive, "health", ["safeguarding"], 0, false);
        CollectionSchema[] history =
        [
            new("t1", "students", 1, [Grade, secret], DateTimeOffset.UnixEpoch),
            new("t1", "students", 2, [Grade], DateTimeOffset.UnixEpoch),
        ];

        var downgrade = Assert.Throws<DomainException>(() => SchemaRules.CheckEvolution(history, [Grade, secret with { Class = FieldClass.Plain, Purposes = [] }]));
        Assert.Equal(("fields[1].field_class", DomainErrorKind.InvalidArgument), (downgrade.Field, downgrade.Kind));
        Assert.Contains("'secret' was stored as Sensitive in version 1", downgrade.Message, StringComparison.Ordinal);
        Assert.Equal("fields[1].type", Assert.Throws<DomainException>(() => SchemaRules.CheckEvolution(history, [Grade, secret with { Type = FieldType.Int64 }])).Field);
        SchemaRules.CheckEvolution(history, [Grade, secret]);
    }

    [Fact]
    public void Plain_field_without_purposes_is_readable_for_any_purpose_but_personal_only_for_listed_ones()
    {
        Assert.True(Grade.IsReadableFor("fees"));
        Assert.True(Name.IsReadableFor("academic"));
        Assert.False(Name.IsReadableFor("fees"));
        Assert.False((Grade with { Purposes = ["academic"] }).IsReadableFor("fees"));
    }
}
