using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using ProcessorGateway.Contracts.V1;
using Value = ProcessorGateway.Contracts.V1.Value;

namespace ProcessorGateway.Server.Tests.Hostile;

/// <summary>
/// Calls with the target tenant's own token that name the other tenant. The record RPCs get requests that
/// would be valid for an operator, so PERMISSION_DENIED is the only right answer (a delete or update that
/// went through would also show in the snapshot); any other RPC with a tenant_id names only the other tenant.
/// </summary>
internal sealed class CrossTenantRequests(Random random, HostileTarget target)
{
    /// <summary>A cross-tenant request for this RPC, or null when its request names no tenant.</summary>
    public HostileRequest? Make(int index, MethodDescriptor method)
    {
        var other = target.OtherTenantId;
        IMessage? wellFormed = method.Name switch
        {
            "PutRecord" => Student(other, "stu-cross-" + random.Next(1000)),
            "GetRecord" => new GetRecordRequest { TenantId = other, Collection = "students", RecordId = HostileTarget.StoredRecordId, Purpose = HostileTarget.Purpose },
            "QueryRecords" => new QueryRecordsRequest { TenantId = other, Collection = "students", Purpose = HostileTarget.Purpose, PageSize = 2 },
            "UpdateRecord" => Update(other),
            "DeleteRecord" => new DeleteRecordRequest { TenantId = other, Collection = "students", RecordId = HostileTarget.StoredRecordId, Purpose = HostileTarget.Purpose, ExpectedVersion = 1 },
            _ => null,
        };
        if (method.Name == "BatchPutRecords")
        {
            var rows = Enumerable.Range(0, 1 + random.Next(5))
                .Select(i => new BatchPutRecordsRequest { Item = Student(other, $"stu-cross-{i}") }.ToByteArray())
                .ToList();
            return Cross(index, method, "batch of valid rows for the other tenant", rows);
        }

        if (wellFormed is not null)
        {
            return Cross(index, method, "valid request for the other tenant", [wellFormed.ToByteArray()]);
        }

        var tenantField = method.InputType.FindFieldByName("tenant_id");
        if (tenantField is not { FieldType: Google.Protobuf.Reflection.FieldType.String })
        {
            return null;
        }

        var message = method.InputType.Parser.ParseFrom([]);
        tenantField.Accessor.SetValue(message, other);
        return new HostileRequest(index, method, "tenant_id: the other tenant", [message.ToByteArray()]) { Caller = HostileCaller.TenantBound };
    }

    private static HostileRequest Cross(int index, MethodDescriptor method, string defect, IReadOnlyList<byte[]> messages) =>
        new(index, method, defect, messages) { Caller = HostileCaller.TenantBound, Expected = StatusCode.PermissionDenied };

    private PutRecordRequest Student(string tenant, string recordId)
    {
        var put = target.NewStudent(recordId);
        put.TenantId = tenant;
        return put;
    }

    private static UpdateRecordRequest Update(string tenant)
    {
        var update = new UpdateRecordRequest
        {
            TenantId = tenant, Collection = "students", RecordId = HostileTarget.StoredRecordId, Purpose = HostileTarget.Purpose, ExpectedVersion = 1,
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "grade_level" } },
        };
        update.Fields["grade_level"] = new Value { StringValue = "9" };
        return update;
    }
}
