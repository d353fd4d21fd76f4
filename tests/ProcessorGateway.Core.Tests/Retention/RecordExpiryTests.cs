using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Core.Records;
using ProcessorGateway.Core.Retention;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Tests.Retention;

public sealed class RecordExpiryTests
{
    private static readonly DateTimeOffset Created = new(2026, 1, 10, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Updated = Created.AddDays(5);
    private static readonly DateTimeOffset Ended = Created.AddDays(20);

    private static readonly CollectionSchema Schema = new("t1", "enrolments", 1,
    [
        new FieldDefinition("nickname", FieldType.String, FieldClass.Personal, "enrolment", ["admin"], 1, false),
        new FieldDefinition("room", FieldType.String, FieldClass.Plain, "enrolment", [], 7, false),
        new FieldDefinition("notes", FieldType.String, FieldClass.Personal, "enrolment", ["admin"], 0, false),
        new FieldDefinition("ended_at", FieldType.Timestamp, FieldClass.Plain, "enrolment", [], 0, false),
    ], Created);

    [Theory]
    [InlineData(RetentionStart.Unspecified, 0)]
    [InlineData(RetentionStart.RecordCreated, 0)]
    [InlineData(RetentionStart.RecordUpdated, 5)]
    [InlineData(RetentionStart.DateField, 20)]
    public void Fields_fall_due_their_days_after_the_start_the_schema_names(RetentionStart start, int startDay)
    {
        var schema = Schema with { Retention = new CollectionRetention(30, start, start == RetentionStart.DateField ? "ended_at" : null) };

        var due = RecordExpiry.Fields(schema, Record());

        Assert.Equal(Created.AddDays(startDay + 1), due["nickname"]);
        Assert.Equal(Created.AddDays(startDay + 7), due["room"]);
        Assert.False(due.ContainsKey("notes"));
        Assert.Equal(Created.AddDays(startDay + 30), RecordExpiry.Record(schema, Record()));
    }

    [Fact]
    public void A_record_without_its_date_field_and_a_record_an_erasure_kept_fall_due_never()
    {
        var schema = Schema with { Retention = new CollectionRetention(30, RetentionStart.DateField, "ended_at") };
        var undated = Record() with { Plain = new Dictionary<string, FieldValue> { ["room"] = new StringValue("B12") } };
        var kept = Record() with { Retention = new RecordRetention(new Core.Keys.KeyReference(Guid.NewGuid(), 1), "req-1", []) };

        Assert.Empty(RecordExpiry.Fields(schema, undated));
        Assert.Null(RecordExpiry.Record(schema, undated));
        Assert.Empty(RecordExpiry.Fields(Schema, kept));
        Assert.Null(RecordExpiry.Record(Schema with { Retention = new CollectionRetention(1, RetentionStart.RecordCreated, null) }, kept));
    }

    [Fact]
    public void A_live_hold_on_the_subject_or_a_rule_still_keeping_the_record_suspends_it()
    {
        var now = Created.AddDays(40);
        var hold = new LegalHold("h1", "t1", "subj-1", "enrolments", "case 7", Created, "dpo", null);
        var otherCollection = hold with { Collection = "fees" };
        var rule = new RetentionRule("t1", "enrolments", 1, "ended_at", "kept a year");

        Assert.True(RecordExpiry.IsSuspended(Record(), [hold], [], now));
        Assert.False(RecordExpiry.IsSuspended(Record(), [otherCollection], [], now));
        Assert.False(RecordExpiry.IsSuspended(Record(), [hold with { ReleasedAt = now }], [], now));
        Assert.True(RecordExpiry.IsSuspended(Record(), [], [rule], now));
        Assert.False(RecordExpiry.IsSuspended(Record(), [], [rule], Ended.AddYears(1).AddDays(1)));
    }

    private static StoredRecord Record() => new("t1", "enrolments", "en-1", "subj-1", 3, 1,
        new Dictionary<string, FieldValue> { ["room"] = new StringValue("B12"), ["ended_at"] = new TimestampValue(Ended) },
        new Dictionary<string, byte[]> { ["nickname"] = [1, 2, 3], ["notes"] = [4, 5, 6] },
        [], null, null, Created, Updated);
}
