using MongoDB.Bson;
using ProcessorGateway.Core.Crypto;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Benchmarks;

/// <summary>
/// A typical student record: ten personal fields, short realistic strings, a date of birth and a grade.
/// Every benchmark encrypts and decrypts exactly these values, each in the form its API takes.
/// </summary>
internal static class StudentRecord
{
    public const string TenantId = "lycee-victor-hugo";
    public const string Collection = "students";
    public const string RecordId = "stu-2024-000123";
    public const int SchemaVersion = 4;

    public static readonly IReadOnlyList<(string Field, FieldValue Value)> Fields =
    [
        ("first_name", new StringValue("Amélie")),
        ("last_name", new StringValue("Okonkwo-Berger")),
        ("email", new StringValue("amelie.okonkwo@students.example.edu")),
        ("phone", new StringValue("+33 6 12 34 56 78")),
        ("address", new StringValue("12 rue des Écoles, 75005 Paris, France")),
        ("date_of_birth", new TimestampValue(new DateTimeOffset(2011, 4, 17, 0, 0, 0, TimeSpan.Zero))),
        ("national_id", new StringValue("2 11 04 75 123 456 78")),
        ("medical_notes", new StringValue("Mild peanut allergy; carries an adrenaline pen. Asthma inhaler kept at the school office.")),
        ("grade_level", new Int64Value(7)),
        ("guardian_name", new StringValue("Chidi Okonkwo")),
    ];

    public static FieldContext Context(string field) => new(TenantId, Collection, RecordId, field, SchemaVersion);

    /// <summary>The same value as MongoDB's client-side encryption takes it.</summary>
    public static BsonValue ToBson(FieldValue value) => value switch
    {
        StringValue s => new BsonString(s.Value),
        Int64Value i => new BsonInt64(i.Value),
        TimestampValue t => new BsonDateTime(t.Value.UtcDateTime),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.Type, "no BSON form for this benchmark"),
    };
}
