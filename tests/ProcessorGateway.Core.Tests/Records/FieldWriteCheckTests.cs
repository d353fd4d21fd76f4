using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Records;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Tests.Records;

public sealed class FieldWriteCheckTests
{
    private const string Secret = "Zenobia-allergy-note";

    private static readonly CollectionSchema Students = new("t1", "students", 1,
    [
        new("full_name", FieldType.String, FieldClass.PersonalSearchable, "identity", ["fees", "administration", "safeguarding"], 0, true),
        new("medical_notes", FieldType.String, FieldClass.Sensitive, "health", ["safeguarding", "administration"], 0, false)
            { WritePurposes = ["safeguarding"] },
        new("grade_level", FieldType.String, FieldClass.Plain, "academic", [], 0, false),
    ], DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_field_the_purpose_may_not_write_is_refused_naming_field_purpose_and_collection_but_no_value()
    {
        var error = Assert.Throws<DomainException>(() => FieldWriteCheck.RequireWritable(Students, "fees", ["grade_level", "medical_notes"]));

        Assert.Equal(DomainErrorKind.PermissionDenied, error.Kind);
        Assert.Equal("fields.medical_notes", error.Field);
        Assert.Equal("fields.medical_notes: purpose 'fees' may not write the field 'medical_notes' of collection 'students'", error.Message);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_purpose_that_reads_a_field_its_write_list_leaves_out_is_refused() =>
        Assert.Equal(DomainErrorKind.PermissionDenied,
            Assert.Throws<DomainException>(() => FieldWriteCheck.RequireWritable(Students, "administration", ["medical_notes"])).Kind);

    [Fact]
    public void Fields_the_purpose_may_write_pass()
    {
        FieldWriteCheck.RequireWritable(Students, "fees", ["full_name", "grade_level"]);
        FieldWriteCheck.RequireWritable(Students, "safeguarding", ["full_name", "medical_notes", "grade_level"]);
    }

    [Fact]
    public void A_replace_reads_the_stored_record_only_when_it_leaves_out_a_field_the_purpose_may_not_write()
    {
        Assert.True(FieldWriteCheck.ReplaceMayDropProtected(Students, "fees", Values("full_name")));
        Assert.False(FieldWriteCheck.ReplaceMayDropProtected(Students, "safeguarding", Values("full_name")));
    }

    [Fact]
    public void A_replace_that_drops_a_stored_field_the_purpose_may_not_write_is_refused()
    {
        var stored = Stored("full_name", "medical_notes", "grade_level");

        var error = Assert.Throws<DomainException>(() => FieldWriteCheck.RequireMayDrop(Students, "fees", stored, Values("full_name", "grade_level")));
        Assert.Equal("fields.medical_notes", error.Field);
        FieldWriteCheck.RequireMayDrop(Students, "fees", Stored("full_name", "grade_level"), Values("full_name"));
    }

    [Fact]
    public void A_delete_needs_every_field_the_record_holds_and_ignores_fields_the_schema_dropped()
    {
        var error = Assert.Throws<DomainException>(() => FieldWriteCheck.RequireMayDelete(Students, "fees", Stored("full_name", "medical_notes")));
        Assert.Equal("purpose", error.Field);
        Assert.Contains("'medical_notes'", error.Message, StringComparison.Ordinal);

        FieldWriteCheck.RequireMayDelete(Students, "fees", Stored("full_name", "grade_level", "old_field"));
    }

    private static Dictionary<string, FieldValue> Values(params string[] names) =>
        names.ToDictionary(n => n, _ => (FieldValue)new StringValue("x"), StringComparer.Ordinal);

    /// <summary>A stored record holding the named fields: plain ones as values, the others as (fake) ciphertext.</summary>
    private static StoredRecord Stored(params string[] names)
    {
        bool IsPlain(string name) => Students.Field(name) is not { } f || f.Class == FieldClass.Plain;
        return new StoredRecord("t1", "students", "stu-1", "subj-1", 1, 1,
            names.Where(IsPlain).ToDictionary(n => n, _ => (FieldValue)new StringValue("7"), StringComparer.Ordinal),
            names.Where(n => !IsPlain(n)).ToDictionary(n => n, _ => new byte[] { 1, 2, 3 }, StringComparer.Ordinal),
            [], null, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
    }
}
