using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using ProcessorGateway.Contracts.V1;

namespace ProcessorGateway.Client.Tests.Support;

public sealed class FakeRecordService(FakeGatewayHolder holder) : RecordService.RecordServiceBase
{
    public override Task<WriteResult> PutRecord(PutRecordRequest request, ServerCallContext context)
    {
        holder.Gateway!.Authorize(context);
        if (request.RecordId == "refused")
        {
            // Shaped like the gateway's refusals: the first violation is also the detail.
            throw new Google.Rpc.Status
            {
                Code = (int)Code.InvalidArgument,
                Message = "fields.year: must be at least 1",
                Details =
                {
                    Any.Pack(new BadRequest
                    {
                        FieldViolations =
                        {
                            new BadRequest.Types.FieldViolation { Field = "fields.year", Description = "fields.year: must be at least 1" },
                            new BadRequest.Types.FieldViolation { Field = "fields.name", Description = "is required by the collection schema" },
                        },
                    }),
                },
            }.ToRpcException();
        }

        holder.Gateway.LastPut = request;
        return Task.FromResult(new WriteResult { RecordId = request.RecordId, Version = request.ExpectedVersion + 1 });
    }
}
