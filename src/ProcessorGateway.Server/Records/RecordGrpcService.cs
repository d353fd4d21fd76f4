using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Core.Audit;
using ProcessorGateway.Core.Records;
using ProcessorGateway.Server.Audit;
using ProcessorGateway.Server.Auth;
using ProcessorGateway.Server.Grpc;

namespace ProcessorGateway.Server.Records;

[Authorize]
internal sealed class RecordGrpcService(Core.Records.RecordService records, RecordReader reader) : Contracts.V1.RecordService.RecordServiceBase
{
    private const int BatchParallelism = 4;

    public override async Task<WriteResult> PutRecord(PutRecordRequest request, ServerCallContext context) =>
        RecordMapper.ToProto(await records.PutAsync(AuthorizedPut(context.Caller(), request), context.CancellationToken));

    public override async Task<Record> GetRecord(GetRecordRequest request, ServerCallContext context)
    {
        var (tenantId, purpose) = Authorize(context.Caller(), Scopes.RecordsRead, request.TenantId, request.Purpose);
        RecordAudit.Requested(request.Collection, request.RecordId);
        return RecordAudit.Returned(RecordMapper.ToProto(await reader.GetAsync(tenantId, request.Collection, request.RecordId, purpose, context.CancellationToken)));
    }

    public override async Task<WriteResult> UpdateRecord(UpdateRecordRequest request, ServerCallContext context)
    {
        var (tenantId, purpose) = Authorize(context.Caller(), Scopes.RecordsWrite, request.TenantId, request.Purpose);
        RecordAudit.Requested(request.Collection, request.RecordId, null, request.UpdateMask?.Paths ?? []);
        var command = new UpdateCommand(tenantId, request.Collection, request.RecordId, ValueMapper.FromProto(request.Fields),
            request.UpdateMask?.Paths.ToArray() ?? [], request.ExpectedVersion, request.IdempotencyKey, purpose);
        return RecordMapper.ToProto(await records.UpdateAsync(command, context.CancellationToken));
    }

    public override async Task<DeleteRecordResponse> DeleteRecord(DeleteRecordRequest request, ServerCallContext context)
    {
        var (tenantId, purpose) = Authorize(context.Caller(), Scopes.RecordsWrite, request.TenantId, request.Purpose);
        RecordAudit.Requested(request.Collection, request.RecordId);
        var outcome = await records.DeleteAsync(
            new DeleteCommand(tenantId, request.Collection, request.RecordId, request.ExpectedVersion, request.IdempotencyKey, purpose),
            context.CancellationToken);
        return new DeleteRecordResponse { RecordId = outcome.RecordId, Replayed = outcome.Replayed };
    }

    public override async Task<QueryRecordsResponse> QueryRecords(QueryRecordsRequest request, ServerCallContext context)
    {
        var (tenantId, purpose) = Authorize(context.Caller(), Scopes.RecordsRead, request.TenantId, request.Purpose);
        var filters = request.Filters
            .Select((f, i) => new KeyValuePair<string?, Core.Values.FieldValue?>(f.Field, ValueMapper.FromProto(f.Equals_, $"filters[{i}].equals")))
            .ToList();
        var page = await reader.QueryAsync(
            new QueryCommand(tenantId, request.Collection, request.SubjectId, filters, request.PageSize, request.PageToken, purpose)
            {
                NamePrefix = request.NamePrefix is { } name ? new NamePrefixQuery(name.Field, name.Text) : null,
            },
            context.CancellationToken);
        AuditTrail.NoteSubject(request.SubjectId);
        return new QueryRecordsResponse { Records = { page.Items.Select(r => RecordAudit.Returned(RecordMapper.ToProto(r))) }, NextPageToken = page.NextPageToken ?? string.Empty };
    }

    public override async Task<BatchPutRecordsResponse> BatchPutRecords(IAsyncStreamReader<BatchPutRecordsRequest> requestStream, ServerCallContext context)
    {
        var caller = context.Caller();
        AccessPolicy.RequireScope(caller, Scopes.RecordsWrite);

        // Each row is authorised on its own: a row naming another tenant fails alone, like any bad row.
        var outcomes = await records.PutManyAsync(requestStream.ReadAllAsync(context.CancellationToken),
            item => AuthorizedPut(caller, item.Item ?? new PutRecordRequest()), BatchParallelism, context.CancellationToken);
        var response = new BatchPutRecordsResponse();
        foreach (var outcome in outcomes)
        {
            response.Results.Add(outcome.Error is null
                ? new BatchItemResult { Index = outcome.Index, Code = (int)StatusCode.OK, Result = RecordMapper.ToProto(outcome.Result!) }
                : new BatchItemResult { Index = outcome.Index, Code = (int)DomainErrorMapper.ToStatusCode(outcome.Error.Kind), Message = outcome.Error.Message });
        }

        response.Succeeded = outcomes.Count(o => o.Error is null);
        response.Failed = outcomes.Count - response.Succeeded;
        return response;
    }

    private static PutCommand AuthorizedPut(Caller caller, PutRecordRequest request)
    {
        var (tenantId, purpose) = Authorize(caller, Scopes.RecordsWrite, request.TenantId, request.Purpose);
        RecordAudit.Written(request);
        return RecordMapper.ToCommand(request) with { TenantId = tenantId, Purpose = purpose };
    }

    private static (string TenantId, string Purpose) Authorize(Caller caller, string scope, string tenantId, string purpose)
    {
        AccessPolicy.RequireScope(caller, scope);
        return (AccessPolicy.RequireTenant(caller, tenantId), AccessPolicy.RequirePurpose(caller, purpose));
    }
}
