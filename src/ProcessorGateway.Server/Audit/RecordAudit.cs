using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Audit;

namespace ProcessorGateway.Server.Audit;

/// <summary>What a record call touched, for its audit event: ids and field names (as collection.field), never values.</summary>
internal static class RecordAudit
{
    public static void Requested(string collection, string recordId, string? subjectId = null, IEnumerable<string>? fields = null) =>
        AuditTrail.NoteRecord(recordId, subjectId, fields?.Select(f => $"{collection}.{f}"));

    public static void Written(PutRecordRequest request) =>
        Requested(request.Collection, request.RecordId, request.SubjectId, request.Fields.Keys);

    /// <summary>A record returned: the fields actually revealed, not those masked.</summary>
    public static Record Returned(Record record)
    {
        AuditTrail.NoteRecord(record.RecordId, record.SubjectId,
            record.Fields.Where(f => f.Value.KindCase != Value.KindOneofCase.Masked).Select(f => $"{record.Collection}.{f.Key}"));
        return record;
    }
}
