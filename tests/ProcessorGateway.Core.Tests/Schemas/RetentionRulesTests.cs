using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Tests.Schemas;

public sealed class RetentionRulesTests
{
    private static readonly FieldDefinition EndedAt = new("ended_at", FieldType.Timestamp, FieldClass.Plain, "enrolment", [], 0, false);
    private static readonly FieldDefinition BornAt = new("born_at", FieldType.Timestamp, FieldClass.Personal, "identity", ["academic"], 0, false);
    private static readonly FieldDefinition Room = new("room", FieldType.String, FieldClass.Plain, "enrolment", [], 0, false);
    private static readonly FieldDefinition[] Fields = [EndedAt, BornAt, Room];

    [Fact]
    public void No_settings_mean_no_collection_retention_counted_from_creation()
    {
        Assert.Equal(CollectionRetention.None, RetentionRules.Check(Fields, null));
    }

    [Fact]
    public void A_plain_timestamp_date_field_is_accepted()
    {
        var retention = new CollectionRetention(365, RetentionStart.DateField, "ended_at");
        Assert.Equal(retention, RetentionRules.Check(Fields, retention));
    }

    [Theory]
    [InlineData("born_at", "plain")]
    [InlineData("room", "timestamp")]
    [InlineData("missing", "not a field")]
    [InlineData("", "needs the plain timestamp field")]
    public void A_date_field_that_is_personal_not_a_timestamp_or_missing_is_refused(string dateField, string why)
    {
        var error = Assert.Throws<DomainException>(() => RetentionRules.Check(Fields, new CollectionRetention(0, RetentionStart.DateField, dateField)));
        Assert.Equal("retention_date_field", error.Field);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_date_field_without_the_date_field_start_is_refused()
    {
        var error = Assert.Throws<DomainException>(() => RetentionRules.Check(Fields, new CollectionRetention(0, RetentionStart.RecordCreated, "ended_at")));
        Assert.Equal("retention_date_field", error.Field);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(36501)]
    public void Collection_retention_days_out_of_range_are_refused(int days)
    {
        var error = Assert.Throws<DomainException>(() => RetentionRules.Check(Fields, new CollectionRetention(days, RetentionStart.RecordCreated, null)));
        Assert.Equal("retention_days", error.Field);
    }

    [Fact]
    public void An_unknown_start_is_refused()
    {
        var error = Assert.Throws<DomainException>(() => RetentionRules.Check(Fields, new CollectionRetention(1, (RetentionStart)9, null)));
        Assert.Equal("retention_start", error.Field);
    }
}
