using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using ProcessorGateway.Contracts.V1;
using Record = ProcessorGateway.Contracts.V1.Record;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Http;

/// <summary>The generated gRPC client, over native gRPC (HTTP/2, the gRPC listener) or gRPC-Web (HTTP/1.1, the HTTP listener).</summary>
internal sealed class GrpcCallPath(string name, GrpcChannel channel) : ICallPath
{
    private readonly RecordService.RecordServiceClient _records = new(channel);

    public string Name => name;

    public static GrpcCallPath Native(GatewayFixture gateway) => new("grpc", GrpcChannel.ForAddress(gateway.Address));

    /// <summary>As a browser's gRPC-Web client calls: HTTP/1.1, application/grpc-web.</summary>
    public static GrpcCallPath Web(GatewayFixture gateway) => new("grpc-web", GrpcChannel.ForAddress(gateway.HttpAddress, new GrpcChannelOptions
    {
        HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWeb, new HttpClientHandler()),
        HttpVersion = System.Net.HttpVersion.Version11,
        HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    }));

    public Task<Answer<WriteResult>> PutRecordAsync(string? token, PutRecordRequest request, string traceId) =>
        CallAsync(() => _records.PutRecordAsync(request, Options(token, traceId)).ResponseAsync);

    public Task<Answer<Record>> GetRecordAsync(string? token, GetRecordRequest request, string traceId) =>
        CallAsync(() => _records.GetRecordAsync(request, Options(token, traceId)).ResponseAsync);

    public void Dispose() => channel.Dispose();

    private static CallOptions Options(string? token, string traceId)
    {
        var headers = new Metadata { { "traceparent", $"00-{traceId}-{traceId[..16]}-01" } };
        if (token is not null)
        {
            headers.Add("authorization", $"Bearer {token}");
        }

        return new CallOptions(headers, DateTime.UtcNow.Add(RpcAssert.Timeout));
    }

    private static async Task<Answer<T>> CallAsync<T>(Func<Task<T>> call)
        where T : class
    {
        try
        {
            return new Answer<T>(StatusCode.OK, string.Empty, await call().WaitAsync(RpcAssert.Timeout));
        }
        catch (RpcException e)
        {
            return new Answer<T>(e.StatusCode, e.Status.Detail, null);
        }
    }
}
