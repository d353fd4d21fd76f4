using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Tests.Schemas;

public sealed class NameSearchRulesTests
{
    private static readonly FieldDefinition FullName = new("full_name", FieldType.String, FieldClass.PersonalSearchable, "identity", ["administration"], 0, true)
    {
        NameSearch = true,
    };

    [Fact]
    public void A_personal_searchable_string_field_may_be_searched_by_name() => SchemaRules.Validate([FullName]);

    [Theory]
    [InlineData(FieldClass.Plain, FieldType.String)]
    [InlineData(FieldClass.Personal, FieldType.String)]
    [InlineData(FieldClass.Sensitive, FieldType.String)]
    [InlineData(FieldClass.PersonalSearchable, FieldType.StringList)]
    [InlineData(FieldClass.PersonalSearchable, FieldType.Int64)]
    public void Name_search_elsewhere_is_refused_naming_the_field(FieldClass fieldClass, FieldType type)
    {
        var field = FullName with { Class = fieldClass, Type = type, Purposes = fieldClass == FieldClass.Plain ? [] : FullName.Purposes };

        var error = Assert.Throws<DomainException>(() => SchemaRules.Validate([field]));

        Assert.Equal(("fields[0].name_search", DomainErrorKind.InvalidArgument), (error.Field, error.Kind));
        Assert.Contains("'full_name'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_templates_search_students_guardians_and_staff_by_full_name_and_nothing_else()
    {
        var searched = EducationTemplates.All.SelectMany(t => t.Fields.Where(f => f.NameSearch).Select(f => $"{t.Collection}.{f.Name}"));

        Assert.Equal(["students.full_name", "guardians.full_name", "staff.full_name"], searched);
    }

    [Fact]
    public void A_new_version_may_turn_name_search_on_for_an_existing_field()
    {
        var current = new CollectionSchema("t1", "students", 1, [FullName with { NameSearch = false }], DateTimeOffset.UnixEpoch);

        SchemaRules.CheckEvolution(current, [FullName]);
        Assert.NotEqual(FullName, FullName with { NameSearch = false });
    }
}
