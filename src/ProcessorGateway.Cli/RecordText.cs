using System.Globalization;
using ProcessorGateway.Contracts.V1;

namespace ProcessorGateway.Cli;

internal static class RecordText
{
    public static void Write(TextWriter output, Record record)
    {
        TextBlock.Write(output,
        [
            ("record", $"{record.Collection}/{record.RecordId}"),
            ("tenant", record.TenantId),
            ("subject", record.SubjectId.Length == 0 ? "-" : record.SubjectId),
            ("version", string.Create(CultureInfo.InvariantCulture, $"{record.Version} (schema version {record.SchemaVersion})")),
            ("created", ValueText.Instant(record.CreatedAt)),
            ("updated", ValueText.Instant(record.UpdatedAt)),
            ("expires", ValueText.Instant(record.ExpiresAt)),
        ]);
        output.WriteLine("fields");
        var fields = record.Fields.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => (f.Key, ValueText.Format(f.Value) + (record.FieldExpiresAt.TryGetValue(f.Key, out var due) ? $"  (expires {ValueText.Instant(due)})" : string.Empty)))
            .ToList();
        TextBlock.Write(output, fields, indent: "  ");
    }

    public static void WriteWrite(TextWriter output, WriteResult result, string collection)
    {
        var replayed = result.Replayed ? " (replayed: an earlier call with this idempotency key made the write)" : string.Empty;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"written {collection}/{result.RecordId}, version {result.Version}{replayed}"));
    }

    public static void WriteQuery(TextWriter output, QueryRecordsResponse reply)
    {
        foreach (var record in reply.Records)
        {
            Write(output, record);
            output.WriteLine();
        }

        PageOptions.WriteFooter(output, reply.Records.Count, "record", reply.NextPageToken);
    }
}
