using Grpc.Core;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Records;
using ProcessorGateway.Server.Mapping;

namespace ProcessorGateway.Server.Grpc;

internal sealed class RecordGrpcService(Core.Records.RecordService records, RecordReader reader) : Contracts.V1.RecordService.RecordServiceBase
{
    private const int BatchParallelism = 4;

    public override async Task<WriteResult> PutRecord(PutRecordRequest request, ServerCallContext context) =>
        RecordMapper.ToProto(await records.PutAsync(RecordMapper.ToCommand(request), context.CancellationToken));

    public override async Task<Record> GetRecord(GetRecordRequest request, ServerCallContext context) =>
        RecordMapper.ToProto(await reader.GetAsync(request.TenantId, request.Collection, request.RecordId, request.Purpose, context.CancellationToken));

    public override async Task<WriteResult> UpdateRecord(UpdateRecordRequest request, ServerCallContext context)
    {
        var command = new UpdateCommand(request.TenantId, request.Collection, request.RecordId, ValueMapper.FromProto(request.Fields),
            request.UpdateMask?.Paths.ToArray() ?? [], request.ExpectedVersion, request.IdempotencyKey, request.Purpose);
        return RecordMapper.ToProto(await records.UpdateAsync(command, context.CancellationToken));
    }

    public override async Task<DeleteRecordResponse> DeleteRecord(DeleteRecordRequest request, ServerCallContext context)
    {
        var outcome = await records.DeleteAsync(
            new DeleteCommand(request.TenantId, request.Collection, request.RecordId, request.ExpectedVersion, request.IdempotencyKey, request.Purpose),
            context.CancellationToken);
        return new DeleteRecordResponse { RecordId = outcome.RecordId, Replayed = outcome.Replayed };
    }

    public override async Task<QueryRecordsResponse> QueryRecords(QueryRecordsRequest request, ServerCallContext context)
    {
        var filters = request.Filters
            .Select((f, i) => new KeyValuePair<string?, Core.Values.FieldValue?>(f.Field, ValueMapper.FromProto(f.Equals_, $"filters[{i}].equals")))
            .ToList();
        var page = await reader.QueryAsync(
            new QueryCommand(request.TenantId, request.Collection, request.SubjectId, filters, request.PageSize, request.PageToken, request.Purpose),
            context.CancellationToken);
        return new QueryRecordsResponse { Records = { page.Records.Select(RecordMapper.ToProto) }, NextPageToken = page.NextPageToken ?? string.Empty };
    }

    public override async Task<BatchPutRecordsResponse> BatchPutRecords(IAsyncStreamReader<BatchPutRecordsRequest> requestStream, ServerCallContext context)
    {
        var outcomes = await records.PutManyAsync(requestStream.ReadAllAsync(context.CancellationToken),
            item => RecordMapper.ToCommand(item.Item ?? new PutRecordRequest()), BatchParallelism, context.CancellationToken);
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
}
