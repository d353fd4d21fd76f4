using System.Globalization;
using MongoDB.Bson;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Benchmarks.Shredding;

/// <summary>
/// Records of the <c>students</c> template (Core's <c>EducationTemplates</c>): its seven personal fields,
/// two of them searchable, and its four plain ones. Values differ per record and are of realistic length,
/// so documents have the size and the ciphertexts the count the gateway would store.
/// </summary>
internal static class StudentRecords
{
    public const string Collection = "students";
    public const int SchemaVersion = 1;

    private static readonly string[] FirstNames = ["Amélie", "Jonas", "Fatou", "Mateo", "Ingrid", "Yusuf", "Chloé", "Kenji"];
    private static readonly string[] LastNames = ["Okonkwo-Berger", "Lindqvist", "Diallo", "Fernández", "Novak", "Haddad", "Moreau", "Tanaka"];
    private static readonly string[] Streets = ["rue des Écoles", "avenue Jean Jaurès", "boulevard Voltaire", "rue du Moulin"];

    public static string RecordId(int index) => string.Create(CultureInfo.InvariantCulture, $"stu-{index:D6}");

    public static string SubjectId(int subject) => string.Create(CultureInfo.InvariantCulture, $"student-{subject:D6}");

    /// <summary>The personal fields, encrypted under the subject's key; the searchable ones also get blind-index tokens.</summary>
    public static IEnumerable<(string Field, FieldValue Value, bool Searchable)> PersonalFields(int index)
    {
        var first = FirstNames[index % FirstNames.Length];
        var last = LastNames[index / FirstNames.Length % LastNames.Length];
        yield return ("full_name", new StringValue($"{first} {last}"), true);
        yield return ("date_of_birth", new TimestampValue(new DateTimeOffset(2008, 9, 1, 0, 0, 0, TimeSpan.Zero).AddDays(index % 2_500)), false);
        yield return ("email", new StringValue(string.Create(CultureInfo.InvariantCulture, $"{first.ToLowerInvariant()}.{index}@students.example.edu")), true);
        yield return ("phone", new StringValue(string.Create(CultureInfo.InvariantCulture, $"+33 6 {index % 100:D2} {index / 100 % 100:D2} {index / 10_000 % 100:D2} 78")), false);
        yield return ("address", new StringValue(string.Create(CultureInfo.InvariantCulture,
            $"{1 + (index % 120)} {Streets[index % Streets.Length]}, 750{1 + (index % 20):D2} Paris, France")), false);
        yield return ("national_id", new StringValue(string.Create(CultureInfo.InvariantCulture, $"2 11 04 75 {index % 1_000:D3} {index / 1_000 % 1_000:D3} 78")), false);
        yield return ("medical_notes", new StringValue(index % 5 == 0
            ? "Mild peanut allergy; carries an adrenaline pen. Asthma inhaler kept at the school office."
            : "None declared."), false);
    }

    /// <summary>The plain fields, in their natural BSON types as the record adapter stores them.</summary>
    public static BsonDocument PlainFields(int index) => new()
    {
        { "grade_level", string.Create(CultureInfo.InvariantCulture, $"{6 + (index % 7)}") },
        { "class_section", string.Create(CultureInfo.InvariantCulture, $"{6 + (index % 7)}{(char)('A' + (index % 4))}") },
        { "enrolment_status", index % 50 == 0 ? "withdrawn" : "enrolled" },
        { "is_minor", true },
    };
}
