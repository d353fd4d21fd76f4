using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Validation;

namespace ProcessorGateway.Core.Tests.Validation;

public sealed class IdentifiersTests
{
    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("School")]
    [InlineData("-school")]
    [InlineData("sch$ool")]
    [InlineData("sch.ool")]
    [InlineData("sch\0ool")]
    [InlineData("school_1")]
    public void Tenant_id_outside_the_allow_list_is_invalid_argument_naming_tenant_id(string value)
    {
        var error = Assert.Throws<DomainException>(() => Identifiers.TenantId(value));
        Assert.Equal(DomainErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("tenant_id", error.Field);
        Assert.StartsWith("tenant_id:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tenant_id_longer_than_63_characters_is_invalid()
    {
        Assert.Equal("a" + new string('b', 62), Identifiers.TenantId("a" + new string('b', 62)));
        Assert.Throws<DomainException>(() => Identifiers.TenantId("a" + new string('b', 63)));
    }

    [Theory]
    [InlineData("$set")]
    [InlineData("a.b")]
    [InlineData("a/b")]
    [InlineData("a\0b")]
    [InlineData("-abc")]
    [InlineData("a b")]
    public void Record_id_with_operator_path_or_control_characters_is_invalid(string value)
    {
        var error = Assert.Throws<DomainException>(() => Identifiers.RecordId(value, "record_id"));
        Assert.Equal("record_id", error.Field);
    }

    [Theory]
    [InlineData("stu-2024-0001")]
    [InlineData("A1:b2@c+d=e_f")]
    public void Record_id_of_letters_digits_and_separators_is_accepted(string value) =>
        Assert.Equal(value, Identifiers.RecordId(value, "record_id"));

    [Fact]
    public void Record_id_longer_than_128_characters_is_invalid()
    {
        Assert.Equal(128, Identifiers.RecordId(new string('r', 128), "record_id").Length);
        Assert.Throws<DomainException>(() => Identifiers.RecordId(new string('r', 129), "record_id"));
    }

    [Theory]
    [InlineData("Email")]
    [InlineData("e-mail")]
    [InlineData("1email")]
    [InlineData("$email")]
    [InlineData("e.mail")]
    public void Field_and_collection_names_must_be_lower_snake_case(string value) =>
        Assert.Throws<DomainException>(() => Identifiers.Name(value, "fields[0].name"));

    [Fact]
    public void Idempotency_key_is_optional_but_at_least_8_characters_when_given()
    {
        Assert.Null(Identifiers.IdempotencyKey(null));
        Assert.Null(Identifiers.IdempotencyKey(string.Empty));
        Assert.Equal("retry-0001", Identifiers.IdempotencyKey("retry-0001"));
        Assert.Equal("idempotency_key", Assert.Throws<DomainException>(() => Identifiers.IdempotencyKey("short")).Field);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("line\nbreak")]
    [InlineData("tab\there")]
    public void A_reason_that_is_missing_or_holds_control_characters_is_invalid_argument_saying_what_a_reason_is(string? value)
    {
        var error = Assert.Throws<DomainException>(() => Identifiers.Reason(value, "hold.reason"));

        Assert.Equal((DomainErrorKind.InvalidArgument, "hold.reason"), (error.Kind, error.Field));
        Assert.Equal("hold.reason: is required: up to 500 characters saying why, with no control characters (never a personal value)", error.Message);
    }

    [Fact]
    public void A_reason_is_kept_trimmed_and_at_most_500_characters()
    {
        Assert.Equal("the subject asked", Identifiers.Reason("  the subject asked "));
        Assert.Equal(500, Identifiers.Reason(new string('r', 500)).Length);
        Assert.Equal("reason", Assert.Throws<DomainException>(() => Identifiers.Reason(new string('r', 501))).Field);
    }

    [Fact]
    public void Optional_text_may_be_empty_and_required_text_may_not()
    {
        Assert.Equal(string.Empty, Identifiers.Text(" ", "relationship", 10, required: false));
        Assert.Equal(("name", "name: is required"), Field(() => Identifiers.Text(" ", "name", 10, required: true)));
        Assert.Equal(("name", "name: must be at most 3 characters with no control characters"), Field(() => Identifiers.Text("four", "name", 3, required: true)));
    }

    private static (string? Field, string Message) Field(Func<string> check)
    {
        var error = Assert.Throws<DomainException>(() => check());
        return (error.Field, error.Message);
    }
}
