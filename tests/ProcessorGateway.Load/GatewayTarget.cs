using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ProcessorGateway.Client;
using ProcessorGateway.Contracts.V1;
using Value = ProcessorGateway.Contracts.V1.Value;

namespace ProcessorGateway.Load;

/// <summary>The gateway itself, through the client library with a real token, as an ERP service calls it.</summary>
internal sealed class GatewayTarget(GatewayConnection connection, string tenantId, int batchSize, TimeSpan deadline) : ILoadTarget
{
    private const string Purpose = "administration";

    public string Name => "gateway";

    public bool Supports(Operation operation) => operation != Operation.NoOp;

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        // Fetch the first token now, so the first measured call does not pay for it.
        _ = await connection.Tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task ExecuteAsync(Operation operation, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var options = new CallOptions(deadline: DateTime.UtcNow + deadline, cancellationToken: cancellationToken);
        switch (operation)
        {
            case Operation.Put:
                var put = Put(caller, caller.NextPutId());
                var written = await connection.Records.PutRecordAsync(put, options).ConfigureAwait(false);
                caller.Wrote(put.RecordId, written.Version);
                break;
            case Operation.Get:
                await connection.Records.GetRecordAsync(
                    new GetRecordRequest { TenantId = tenantId, Collection = StudentRow.Collection, RecordId = caller.ExistingId(), Purpose = Purpose }, options).ConfigureAwait(false);
                break;
            case Operation.Query:
                await connection.Records.QueryRecordsAsync(new QueryRecordsRequest
                {
                    TenantId = tenantId,
                    Collection = StudentRow.Collection,
                    Purpose = Purpose,
                    PageSize = 10,
                    Filters = { new FieldFilter { Field = "email", Equals_ = new Value { StringValue = StudentRow.EmailOf(caller.ExistingId()) } } },
                }, options).ConfigureAwait(false);
                break;
            case Operation.Batch:
                await BatchAsync(caller, options).ConfigureAwait(false);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, "the gateway target runs record operations only");
        }
    }

    public ValueTask DisposeAsync()
    {
        connection.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task BatchAsync(Caller caller, CallOptions options)
    {
        using var call = connection.Records.BatchPutRecords(options);
        var ids = caller.NextBatchIds(batchSize);
        foreach (var id in ids)
        {
            await call.RequestStream.WriteAsync(new BatchPutRecordsRequest { Item = Put(caller, id) }, options.CancellationToken).ConfigureAwait(false);
        }

        await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        var reply = await call.ResponseAsync.ConfigureAwait(false);
        if (reply.Failed > 0)
        {
            throw new RpcException(new Status(StatusCode.Aborted, $"{reply.Failed} of the batch's items failed: {reply.Results.First(r => r.Code != 0).Message}"));
        }

        foreach (var result in reply.Results)
        {
            caller.Wrote(ids[result.Index], result.Result.Version);
        }
    }

    private PutRecordRequest Put(Caller caller, string recordId)
    {
        var row = StudentRow.For(recordId);
        return new PutRecordRequest
        {
            TenantId = tenantId,
            Collection = StudentRow.Collection,
            RecordId = row.RecordId,
            SubjectId = row.SubjectId,
            Purpose = Purpose,
            ExpectedVersion = caller.VersionOf(recordId),
            Fields =
            {
                ["full_name"] = new Value { StringValue = row.FullName },
                ["email"] = new Value { StringValue = row.Email },
                ["phone"] = new Value { StringValue = row.Phone },
                ["address"] = new Value { StringValue = row.Address },
                ["date_of_birth"] = new Value { TimestampValue = Timestamp.FromDateTimeOffset(row.DateOfBirth) },
                ["grade_level"] = new Value { StringValue = row.GradeLevel },
                ["is_minor"] = new Value { BoolValue = true },
            },
        };
    }
}
