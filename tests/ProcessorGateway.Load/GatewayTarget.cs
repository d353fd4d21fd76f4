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
                try
                {
                    var written = await connection.Records.PutRecordAsync(put, options).ConfigureAwait(false);
                    caller.Wrote(put.RecordId, written.Version);
                }
                catch (RpcException)
                {
                    await RelearnAsync(caller, [put.RecordId]).ConfigureAwait(false);
                    throw;
                }

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
        BatchPutRecordsResponse reply;
        try
        {
            reply = await call.ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException)
        {
            await RelearnAsync(caller, ids).ConfigureAwait(false);
            throw;
        }

        foreach (var result in reply.Results.Where(r => r.Code == 0))
        {
            caller.Wrote(ids[result.Index], result.Result.Version);
        }

        if (reply.Failed > 0)
        {
            await RelearnAsync(caller, reply.Results.Where(r => r.Code != 0).Select(r => ids[r.Index]).ToList()).ConfigureAwait(false);
            throw new RpcException(new Status(StatusCode.Aborted, $"{reply.Failed} of the batch's items failed: {reply.Results.First(r => r.Code != 0).Message}"));
        }
    }

    /// <summary>
    /// After a failed write (a timeout on a slow server may still have written it): reads the records' versions,
    /// so the caller's next write of them replaces the right one. Only after a failure, which the run counts as failed.
    /// </summary>
    private async Task RelearnAsync(Caller caller, IReadOnlyList<string> recordIds)
    {
        foreach (var recordId in recordIds)
        {
            try
            {
                var record = await connection.Records.GetRecordAsync(
                    new GetRecordRequest { TenantId = tenantId, Collection = StudentRow.Collection, RecordId = recordId, Purpose = Purpose },
                    new CallOptions(deadline: DateTime.UtcNow + deadline)).ConfigureAwait(false);
                caller.Wrote(recordId, record.Version);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                caller.Wrote(recordId, 0);
            }
            catch (RpcException)
            {
                // Left as it was; the next failure tries again.
            }
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
                // Adults: a minor's personal fields are written only under a consent, which the load run does not grant.
                ["is_minor"] = new Value { BoolValue = false },
            },
        };
    }
}
