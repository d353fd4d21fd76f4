using Grpc.Core;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Support;

namespace ProcessorGateway.Server.Tests.Records;

/// <summary>One BatchPutRecords call: the rows streamed, then the reply, each step bounded by <see cref="RpcAssert.Timeout"/>.</summary>
internal static class BatchUpload
{
    public static Task<BatchPutRecordsResponse> SendAsync(GrpcTestClients clients, IEnumerable<PutRecordRequest?> rows, Metadata? headers = null) =>
        SendAsync(clients, rows.Select(r => r is null ? new BatchPutRecordsRequest() : new BatchPutRecordsRequest { Item = r }), headers);

    public static async Task<BatchPutRecordsResponse> SendAsync(GrpcTestClients clients, IEnumerable<BatchPutRecordsRequest> items, Metadata? headers = null)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(items);
        using var call = clients.Records.BatchPutRecords(headers);
        foreach (var item in items)
        {
            await call.RequestStream.WriteAsync(item).WaitAsync(RpcAssert.Timeout);
        }

        await call.RequestStream.CompleteAsync().WaitAsync(RpcAssert.Timeout);
        return await call.ResponseAsync.WaitAsync(RpcAssert.Timeout);
    }
}
