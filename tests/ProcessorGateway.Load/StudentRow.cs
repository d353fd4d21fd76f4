using System.Globalization;

namespace ProcessorGateway.Load;

/// <summary>
/// The student a record id stands for: the same made-up values whichever target writes it, so the gateway
/// and the direct driver store the same data. The e-mail is derived from the id, so a query can find it.
/// </summary>
internal sealed record StudentRow(string RecordId, string SubjectId, string FullName, string Email, string Phone, string Address, DateTimeOffset DateOfBirth, string GradeLevel)
{
    public const string Collection = "students";

    public static StudentRow For(string recordId)
    {
        var n = (uint)StringComparer.Ordinal.GetHashCode(recordId);
        return new StudentRow(
            recordId,
            $"subj-{recordId}",
            $"Student {recordId}",
            EmailOf(recordId),
            string.Create(CultureInfo.InvariantCulture, $"+44 7700 {n % 1_000_000:D6}"),
            string.Create(CultureInfo.InvariantCulture, $"{n % 200} Load Street, Testville"),
            DateTimeOffset.UnixEpoch.AddDays(11_000 + (n % 2_000)),
            ((n % 12) + 1).ToString(CultureInfo.InvariantCulture));
    }

    public static string EmailOf(string recordId) => $"{recordId}@load.example";
}
