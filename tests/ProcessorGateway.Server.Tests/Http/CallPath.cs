using ProcessorGateway.Contracts.V1;
using Record = ProcessorGateway.Contracts.V1.Record;

namespace ProcessorGateway.Server.Tests.Http;

/// <summary>
/// One way a client reaches the gateway (gRPC, gRPC-Web, JSON over HTTP), with the calls the tests compare
/// across ways. Each call carries exactly the bearer token given (none when null) and a W3C traceparent with
/// the given trace id, by which its audit event is found.
/// </summary>
internal interface ICallPath : IDisposable
{
    string Name { get; }

    Task<Answer<WriteResult>> PutRecordAsync(string? token, PutRecordRequest request, string traceId);

    Task<Answer<Record>> GetRecordAsync(string? token, GetRecordRequest request, string traceId);
}
