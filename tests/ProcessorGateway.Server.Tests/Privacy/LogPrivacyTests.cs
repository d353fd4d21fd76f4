using System.Net.Http.Headers;
using System.Text;
using Grpc.Core;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;
using Value = ProcessorGateway.Contracts.V1.Value;

namespace ProcessorGateway.Server.Tests.Privacy;

/// <summary>
/// Distinctive personal values go through every path that handles them (write, read, query, correct, export,
/// malformed input over gRPC and JSON, erasure, reads after it) with every log level on: no log entry and no trace
/// carries any of them.
/// </summary>
public sealed class LogPrivacyTests(LogCapturingGatewayFixture gateway) : IClassFixture<LogCapturingGatewayFixture>
{
    private const string Name = "Zephyrine Quillfeather-Okonkwo";
    private const string Corrected = "Zephyrine Okonkwo-Vantablack";
    private const string Email = "zephyrine.quillfeather@example-school.test";
    private const string Phone = "+44 7700 900417";

    private static readonly string[] Personal = [Name, Corrected, Email, Phone, "Quillfeather", "Vantablack", "zephyrine"];

    private readonly GrpcTestClients _clients = new(gateway.Channel);

    [Fact]
    public async Task No_log_entry_or_trace_carries_a_personal_value_on_any_path()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var student = StudentRecords.Student(tenant, "stu-log", Name, Email, new DateTimeOffset(2012, 3, 4, 0, 0, 0, TimeSpan.Zero));
        await _clients.Records.PutRecordAsync(student).Within();
        await _clients.Records.GetRecordAsync(new GetRecordRequest { TenantId = tenant, Collection = "students", RecordId = "stu-log", Purpose = StudentRecords.Purpose }).Within();
        await _clients.Records.QueryRecordsAsync(new QueryRecordsRequest
        {
            TenantId = tenant, Collection = "students", Purpose = StudentRecords.Purpose,
            Filters = { new FieldFilter { Field = "email", Equals_ = new Value { StringValue = Email } } },
        }).Within();
        await _clients.Records.UpdateRecordAsync(new UpdateRecordRequest
        {
            TenantId = tenant, Collection = "students", RecordId = "stu-log", ExpectedVersion = 1, Purpose = StudentRecords.Purpose,
            Fields = { ["full_name"] = new Value { StringValue = Corrected } }, UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "full_name" } },
        }).Within();

        // Refused writes: a personal value where a date belongs, in a field the schema does not have, and where a flag belongs.
        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => _clients.Records.PutRecordAsync(WithField(student, "stu-bad-1", "date_of_birth", new Value { StringValue = Phone }, Email)).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => _clients.Records.PutRecordAsync(WithField(student, "stu-bad-2", "phone_number", new Value { StringValue = Phone }, Email)).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => _clients.Records.PutRecordAsync(
            WithField(student, "stu-bad-3", "is_minor", new Value { StringValue = Name }, Email)).ResponseAsync);

        // The same over JSON, malformed in ways whose parser errors could quote the value.
        using var http = new HttpClient { BaseAddress = gateway.HttpAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await gateway.GetTokenAsync(GatewayFixture.OperatorClientId, GatewayFixture.OperatorSecret));
        var path = $"/v1/tenants/{tenant}/collections/students/records/stu-json";
        foreach (var shape in new[]
        {
            """{"purpose":"administration","subjectId":"subj-json","fields":{"full_name":{"doubleValue":"NAME"}}}""",
            """{"purpose":"administration","subjectId":"subj-json","fields":{"email":{"stringValue":"EMAIL"},"PHONE":{"stringValue":"x"}}}""",
            """{"purpose":"administration","subjectId":"subj-json","fields":{"full_name":{"stringValue":"NAME"}""",
            """{"purpose":"EMAIL","subjectId":"subj-json","fields":{"full_name":{"stringValue":"NAME"}}}""",
        })
        {
            var body = shape.Replace("NAME", Name, StringComparison.Ordinal).Replace("EMAIL", Email, StringComparison.Ordinal).Replace("PHONE", Phone, StringComparison.Ordinal);
            using var response = await http.PutAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.False(response.IsSuccessStatusCode, body);
        }

        await ReadExportAsync(tenant, student.SubjectId);
        await _clients.Keys.EraseSubjectAsync(new EraseSubjectRequest { TenantId = tenant, SubjectId = student.SubjectId, Reason = "log privacy test" }).Within();
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => _clients.Records.GetRecordAsync(
            new GetRecordRequest { TenantId = tenant, Collection = "students", RecordId = "stu-log", Purpose = StudentRecords.Purpose }).ResponseAsync);

        var logged = gateway.Logged.ToArray();
        var traced = gateway.Traced.ToArray();
        // Not vacuous: the gateway's own and the frameworks' entries were captured, naming ids and methods.
        Assert.Contains(logged, l => l.Contains("RecordService/PutRecord", StringComparison.Ordinal));
        Assert.Contains(logged, l => l.Contains("stu-log", StringComparison.Ordinal) || l.Contains(tenant, StringComparison.Ordinal));
        Assert.NotEmpty(traced);
        var leaks = logged.Concat(traced).Where(e => Personal.Any(v => e.Contains(v, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} log entries or traces carry a personal value:\n{string.Join("\n", leaks)}");
    }

    private static PutRecordRequest WithField(PutRecordRequest template, string recordId, string field, Value value, string email)
    {
        var request = template.Clone();
        request.RecordId = recordId;
        request.Fields["email"] = new Value { StringValue = email };
        request.Fields[field] = value;
        return request;
    }

    private async Task ReadExportAsync(string tenant, string subjectId)
    {
        using var export = _clients.SubjectRights.ExportSubject(new ExportSubjectRequest { TenantId = tenant, SubjectId = subjectId, Purpose = StudentRecords.Purpose },
            deadline: DateTime.UtcNow + RpcAssert.Timeout);
        var lines = 0;
        await foreach (var chunk in export.ResponseStream.ReadAllAsync())
        {
            lines += chunk.Ndjson.Length;
        }

        Assert.True(lines > 0, "the export was empty");
    }
}
