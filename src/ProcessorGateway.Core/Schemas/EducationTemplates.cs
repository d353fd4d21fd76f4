using ProcessorGateway.Core.Values;
using static ProcessorGateway.Core.Schemas.Purposes;

namespace ProcessorGateway.Core.Schemas;

/// <summary>
/// Starting schemas for a school or college. Each personal field names the few purposes that
/// need it (data minimisation); an institution adapts them with a new schema version. Records the
/// institution keeps about people (students, guardians, staff, attendance, grades, fees) are
/// institution-managed data; messages sent to a person's own contact details are their account data.
/// A purpose that reads a field writes it too, unless the field narrows its writers: a name or a date of birth is
/// corrected by the office that keeps the register (and support, acting on the person's request), never by a fees or
/// attendance app that only shows it; analytics reads scores and never changes them. The names staff look people up
/// by (students', guardians' and staff's full names) are searchable by the first letters of each word (docs/search.md).
/// </summary>
public static class EducationTemplates
{
    private const int KeepWhileEnrolled = 0;
    private const int SevenYears = 7 * 365;

    public static IReadOnlyList<SchemaTemplate> All { get; } =
    [
        new("students",
        [
            Personal("full_name", FieldType.String, FieldClass.PersonalSearchable, "identity", required: true, Attendance, Fees, Academic, Communication, Support, Administration)
                with { WritePurposes = [Support, Administration], NameSearch = true },
            Personal("date_of_birth", FieldType.Timestamp, FieldClass.Personal, "identity", required: false, Academic, Administration)
                with { WritePurposes = [Administration] },
            Personal("email", FieldType.String, FieldClass.PersonalSearchable, "contact", required: false, Communication, Support, Administration),
            Personal("phone", FieldType.String, FieldClass.Personal, "contact", required: false, Communication, Administration),
            Personal("address", FieldType.String, FieldClass.Personal, "contact", required: false, Administration),
            Personal("national_id", FieldType.String, FieldClass.Sensitive, "identity", required: false, Administration),
            Personal("medical_notes", FieldType.String, FieldClass.Sensitive, "health", required: false, Safeguarding),
            Plain("grade_level", FieldType.String, "academic"),
            Plain("class_section", FieldType.String, "academic"),
            Plain("enrolment_status", FieldType.String, "academic"),
            Plain("is_minor", FieldType.Bool, "identity"),
        ], DataClass.InstitutionManaged) { MinorField = "is_minor" },
        new("guardians",
        [
            Personal("full_name", FieldType.String, FieldClass.PersonalSearchable, "identity", required: true, Fees, Communication, Support, Administration)
                with { WritePurposes = [Support, Administration], NameSearch = true },
            Personal("email", FieldType.String, FieldClass.PersonalSearchable, "contact", required: false, Fees, Communication, Support),
            Personal("phone", FieldType.String, FieldClass.PersonalSearchable, "contact", required: false, Fees, Communication, Support),
            Personal("address", FieldType.String, FieldClass.Personal, "contact", required: false, Fees, Administration),
            Plain("relationship", FieldType.String, "identity"),
            Plain("student_ids", FieldType.StringList, "identity"),
        ], DataClass.InstitutionManaged),
        new("staff",
        [
            Personal("full_name", FieldType.String, FieldClass.PersonalSearchable, "identity", required: true, Employment, Administration, Communication, Support)
                with { WritePurposes = [Employment, Administration], NameSearch = true },
            Personal("email", FieldType.String, FieldClass.PersonalSearchable, "contact", required: false, Employment, Communication, Support),
            Personal("phone", FieldType.String, FieldClass.Personal, "contact", required: false, Employment, Communication),
            Personal("bank_account", FieldType.String, FieldClass.Sensitive, "financial", required: false, Employment),
            Personal("salary", FieldType.Int64, FieldClass.Sensitive, "employment", required: false, Employment),
            Plain("role", FieldType.String, "employment"),
            Plain("department", FieldType.String, "employment"),
            Plain("employment_status", FieldType.String, "employment"),
        ], DataClass.InstitutionManaged),
        new("attendance",
        [
            Plain("date", FieldType.Timestamp, "attendance", required: true),
            Plain("status", FieldType.String, "attendance", required: true),
            Plain("class_section", FieldType.String, "attendance"),
            Personal("absence_reason", FieldType.String, FieldClass.Personal, "attendance", required: false, Attendance, Safeguarding),
        ], DataClass.InstitutionManaged),
        new("grades",
        [
            Plain("term", FieldType.String, "academic", required: true),
            Plain("subject", FieldType.String, "academic", required: true),
            // Analytics of scores is what the template names the purpose for: the field allows it (docs/purposes.md).
            Personal("score", FieldType.Double, FieldClass.Personal, "academic", required: false, Academic, Analytics) with { AnalyticsAllowed = true, WritePurposes = [Academic] },
            Personal("grade", FieldType.String, FieldClass.Personal, "academic", required: false, Academic),
            Personal("teacher_comment", FieldType.String, FieldClass.Personal, "academic", required: false, Academic),
        ], DataClass.InstitutionManaged),
        // A fee record is kept whole for the bookkeeping period, then deleted whole: erasing only its plain
        // reference fields would leave the payer and amount behind without them.
        new("fees",
        [
            Plain("invoice_number", FieldType.String, "financial", required: true),
            Plain("due_date", FieldType.Timestamp, "financial"),
            Personal("amount_minor_units", FieldType.Int64, FieldClass.Personal, "financial", required: true, Fees),
            Plain("currency", FieldType.String, "financial"),
            Plain("status", FieldType.String, "financial"),
            Personal("payer_name", FieldType.String, FieldClass.Personal, "financial", required: false, Fees),
            Personal("payment_reference", FieldType.String, FieldClass.Sensitive, "financial", required: false, Fees),
        ], DataClass.InstitutionManaged) { Retention = new CollectionRetention(SevenYears, RetentionStart.RecordCreated, null) },
        new("communications",
        [
            Plain("channel", FieldType.String, "communication", required: true),
            Plain("category", FieldType.String, "communication"),
            Plain("sent_at", FieldType.Timestamp, "communication"),
            Personal("recipient", FieldType.String, FieldClass.PersonalSearchable, "contact", required: true, Communication, Support),
            Personal("body", FieldType.String, FieldClass.Personal, "communication", required: false, Communication, Support),
        ], DataClass.PersonalAccount),
    ];

    public static SchemaTemplate? Find(string? collection) => All.FirstOrDefault(t => t.Collection == collection);

    private static FieldDefinition Plain(string name, FieldType type, string category, bool required = false) =>
        new(name, type, FieldClass.Plain, category, [], KeepWhileEnrolled, required);

    private static FieldDefinition Personal(string name, FieldType type, FieldClass fieldClass, string category, bool required, params string[] purposes) =>
        new(name, type, fieldClass, category, purposes, KeepWhileEnrolled, required);
}
