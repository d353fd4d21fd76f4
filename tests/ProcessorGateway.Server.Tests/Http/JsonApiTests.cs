using System.Net;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Core.Validation;
using ProcessorGateway.Server.Tests.Audit;
using ProcessorGateway.Server.Tests.Auth;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Http;

/// <summary>The JSON API's own shape, through a real gateway: HTTP statuses, error bodies, the bearer challenge, and bad bodies.</summary>
public sealed class JsonApiTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Permission_denied_over_http_is_403_with_the_json_error_body()
    {
        var (tenant, client) = await WriterTenant.CreateAsync(gateway);
        using var json = new JsonCallPath(gateway);

        using var response = await json.SendRawAsync(HttpMethod.Get,
            JsonCallPath.RecordPath(tenant, "students", "stu-1") + "?purpose=fees", null, client.Token, AuditedCalls.NewTraceId());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        var (code, message) = JsonCallPath.ParseError(response.StatusCode, body);
        Assert.Equal(StatusCode.PermissionDenied, code);
        Assert.Contains("fees", message, StringComparison.Ordinal);
        Assert.Equal("[]", JsonDocument.Parse(body).RootElement.GetProperty("details").GetRawText());
    }

    [Fact]
    public async Task Unauthenticated_json_call_is_401_with_the_json_error_body_and_a_bearer_challenge()
    {
        using var json = new JsonCallPath(gateway);

        using var response = await json.SendRawAsync(HttpMethod.Get, "/v1/schema-templates", null, null, AuditedCalls.NewTraceId());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        var (code, message) = JsonCallPath.ParseError(response.StatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal(StatusCode.Unauthenticated, code);
        Assert.StartsWith("no access token", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_in_the_query_string_is_not_accepted()
    {
        var world = await AuthWorld.ForAsync(gateway);
        using var json = new JsonCallPath(gateway);

        // Tokens in URLs end up in logs and browser history: only the Authorization header carries one.
        using var response = await json.SendRawAsync(HttpMethod.Get, $"/v1/schema-templates?access_token={await world.OperatorTokenAsync()}",
            null, null, AuditedCalls.NewTraceId());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Json_that_does_not_parse_is_invalid_argument_and_writes_nothing()
    {
        var (tenant, client) = await WriterTenant.CreateAsync(gateway);
        using var json = new JsonCallPath(gateway);
        var path = JsonCallPath.RecordPath(tenant, "students", "stu-bad-json");

        using var response = await json.SendRawAsync(HttpMethod.Put, path, """{"subjectId": "subj-1", "fields": {""", client.Token, AuditedCalls.NewTraceId());

        var (code, message) = JsonCallPath.ParseError(response.StatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal((StatusCode.InvalidArgument, "Request JSON payload is not correctly formatted."), (code, message));
        var read = await json.GetRecordAsync(client.Token, new GetRecordRequest
        {
            TenantId = tenant, Collection = "students", RecordId = "stu-bad-json", Purpose = StudentRecords.Purpose,
        }, AuditedCalls.NewTraceId());
        Assert.Equal(StatusCode.NotFound, read.Code);
    }

    [Fact]
    public async Task An_invalid_field_is_400_naming_the_field_in_a_bad_request_detail()
    {
        var (tenant, client) = await WriterTenant.CreateAsync(gateway);
        using var json = new JsonCallPath(gateway);
        var put = StudentRecords.Student(tenant, "stu-bad-field", "Ada Lovelace", "ada@example.org", DateTimeOffset.UnixEpoch);
        put.Fields["no_such_field"] = new Value { StringValue = "x" };

        using var response = await json.SendRawAsync(HttpMethod.Put, JsonCallPath.RecordPath(tenant, "students", "stu-bad-field"),
            JsonFormatter.Default.Format(put), client.Token, AuditedCalls.NewTraceId());

        var body = await response.Content.ReadAsStringAsync();
        var (code, message) = JsonCallPath.ParseError(response.StatusCode, body);
        Assert.Equal(StatusCode.InvalidArgument, code);
        Assert.StartsWith("fields.no_such_field:", message, StringComparison.Ordinal);
        var detail = Assert.Single(JsonDocument.Parse(body).RootElement.GetProperty("details").EnumerateArray());
        Assert.Equal("type.googleapis.com/google.rpc.BadRequest", detail.GetProperty("@type").GetString());
        Assert.Equal("fields.no_such_field", Assert.Single(detail.GetProperty("fieldViolations").EnumerateArray()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task An_oversized_request_is_refused_with_the_same_status_and_message_over_grpc_and_json()
    {
        var (tenant, client) = await WriterTenant.CreateAsync(gateway);
        var put = StudentRecords.Student(tenant, "stu-huge", "Ada Lovelace", "ada@example.org", DateTimeOffset.UnixEpoch);
        put.Fields["full_name"] = new Value { StringValue = new string('x', Limits.MaxRequestMessageBytes + 1000) };
        using var grpc = GrpcCallPath.Native(gateway);
        using var json = new JsonCallPath(gateway);

        var overGrpc = await grpc.PutRecordAsync(client.Token, put, AuditedCalls.NewTraceId());
        var overJson = await json.PutRecordAsync(client.Token, put, AuditedCalls.NewTraceId());

        Assert.Equal(StatusCode.InvalidArgument, overGrpc.Code);
        Assert.StartsWith("request: is ", overGrpc.Message, StringComparison.Ordinal);
        Assert.Equal(overGrpc.Status, overJson.Status);
    }

    [Fact]
    public async Task A_json_body_over_the_transport_ceiling_is_refused_before_it_is_read_whole()
    {
        var (tenant, client) = await WriterTenant.CreateAsync(gateway);
        using var json = new JsonCallPath(gateway);
        var body = """{"purpose":"administration","fields":{"full_name":{"stringValue":""" + "\"" + new string('x', 3 * Limits.MaxRequestMessageBytes) + "\"}}}";

        using var response = await json.SendRawAsync(HttpMethod.Put, JsonCallPath.RecordPath(tenant, "students", "stu-ceiling"), body, client.Token,
            AuditedCalls.NewTraceId(), expectContinue: true);

        var (code, message) = JsonCallPath.ParseError(response.StatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal(StatusCode.InvalidArgument, code);
        Assert.Contains("Request body too large", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_stream_is_newline_delimited_json_one_message_a_line()
    {
        var (tenant, client) = await WriterTenant.CreateAsync(gateway, Scopes.SubjectsRights);
        var put = StudentRecords.Student(tenant, "stu-export", "Ada Lovelace", "ada@example.org", DateTimeOffset.UnixEpoch);
        using (var grpc = GrpcCallPath.Native(gateway))
        {
            (await grpc.PutRecordAsync(client.Token, put, AuditedCalls.NewTraceId())).Ok();
        }

        using var json = new JsonCallPath(gateway);
        using var response = await json.SendRawAsync(HttpMethod.Get,
            $"/v1/tenants/{tenant}/subjects/{put.SubjectId}/export?purpose={StudentRecords.Purpose}", null, client.Token, AuditedCalls.NewTraceId());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var chunks = lines.Select(JsonParser.Default.Parse<ExportChunk>).ToList();
        var exported = string.Concat(chunks.Select(c => c.Ndjson.ToStringUtf8()));
        Assert.Contains("\"record_id\":\"stu-export\"", exported, StringComparison.Ordinal);
        Assert.Contains("Ada Lovelace", exported, StringComparison.Ordinal);
        Assert.Equal(1, chunks[^1].RecordsDone);
    }
}
