using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using ProcessorGateway.Contracts.V1;
using Record = ProcessorGateway.Contracts.V1.Record;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Http;

/// <summary>
/// Plain HTTP and JSON, as curl or a browser's fetch would call: the routes of the protos' google.api.http
/// rules, protobuf's JSON mapping for bodies, and the error body <c>{"code","message","details"}</c>, whose
/// HTTP status must be the one that goes with the code.
/// </summary>
internal sealed class JsonCallPath(GatewayFixture gateway) : ICallPath
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default);

    private readonly HttpClient _http = new() { BaseAddress = gateway.HttpAddress, Timeout = RpcAssert.Timeout };

    public string Name => "json";

    /// <summary>HTTP status by gRPC status, as google.rpc.Code documents it.</summary>
    public static HttpStatusCode HttpStatusFor(StatusCode code) => code switch
    {
        StatusCode.OK => HttpStatusCode.OK,
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition => HttpStatusCode.BadRequest,
        StatusCode.Unauthenticated => HttpStatusCode.Unauthorized,
        StatusCode.PermissionDenied => HttpStatusCode.Forbidden,
        StatusCode.NotFound => HttpStatusCode.NotFound,
        StatusCode.Aborted => HttpStatusCode.Conflict,
        StatusCode.Unavailable => HttpStatusCode.ServiceUnavailable,
        _ => HttpStatusCode.InternalServerError,
    };

    public static string RecordPath(string tenantId, string collection, string recordId) =>
        $"/v1/tenants/{Uri.EscapeDataString(tenantId)}/collections/{Uri.EscapeDataString(collection)}/records/{Uri.EscapeDataString(recordId)}";

    public Task<Answer<WriteResult>> PutRecordAsync(string? token, PutRecordRequest request, string traceId)
    {
        // The body without the fields the path already names, as a client following the route would send it.
        var body = request.Clone();
        body.TenantId = body.Collection = body.RecordId = string.Empty;
        return SendAsync<WriteResult>(HttpMethod.Put, RecordPath(request.TenantId, request.Collection, request.RecordId), Formatter.Format(body), token, traceId);
    }

    public Task<Answer<Record>> GetRecordAsync(string? token, GetRecordRequest request, string traceId) =>
        SendAsync<Record>(HttpMethod.Get, $"{RecordPath(request.TenantId, request.Collection, request.RecordId)}?purpose={Uri.EscapeDataString(request.Purpose)}",
            null, token, traceId);

    /// <summary>The raw exchange, for tests that look at the HTTP status, headers and body themselves.</summary>
    /// <param name="expectContinue">Send the body only once the gateway asks for it, so that a refusal before reading it arrives whole.</param>
    public async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string pathAndQuery, string? json, string? token, string traceId, bool expectContinue = false)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        request.Headers.ExpectContinue = expectContinue;
        request.Headers.Add("traceparent", $"00-{traceId}-{traceId[..16]}-01");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await _http.SendAsync(request);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The status and message of an error body, checking its shape and that the HTTP status goes with its code.</summary>
    public static (StatusCode Code, string Message) ParseError(HttpStatusCode status, string body)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var shaped = root.TryGetProperty("code", out var code) & root.TryGetProperty("message", out var message)
            & root.TryGetProperty("details", out var details);
        Assert.True(shaped && details.ValueKind == JsonValueKind.Array, $"not a {{code, message, details}} error body: {body}");
        var grpcStatus = (StatusCode)code.GetInt32();
        Assert.True(HttpStatusFor(grpcStatus) == status,
            string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)status} with error code {grpcStatus}: expected HTTP {(int)HttpStatusFor(grpcStatus)}"));
        return (grpcStatus, message.GetString()!);
    }

    private async Task<Answer<T>> SendAsync<T>(HttpMethod method, string pathAndQuery, string? json, string? token, string traceId)
        where T : class, IMessage, new()
    {
        using var response = await SendRawAsync(method, pathAndQuery, json, token, traceId);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return new Answer<T>(StatusCode.OK, string.Empty, Parser.Parse<T>(body));
        }

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var (code, message) = ParseError(response.StatusCode, body);
        return new Answer<T>(code, message, null);
    }
}
