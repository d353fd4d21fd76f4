using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Privacy;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Telemetry;

public sealed class TracingTests(TracingGatewayFixture gateway) : IClassFixture<TracingGatewayFixture>
{
    private const string Name = "Thaddeus Marchbanks-Oyelaran";
    private const string Email = "thaddeus.marchbanks@example-school.test";

    private readonly GrpcTestClients _clients = new(gateway.Channel);

    [Fact]
    public async Task A_put_records_trace_holds_the_grpc_span_with_the_mongodb_command_spans_under_it()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-trace", Name, Email, DateTimeOffset.UnixEpoch)).Within();

        var spans = Snapshot();
        var server = spans.Last(s => s.Kind == ActivityKind.Server && s.DisplayName.Contains("RecordService/PutRecord", StringComparison.Ordinal));
        var commands = spans.Where(s => s.Source.Name == "MongoDB.Driver" && s.TraceId == server.TraceId).ToList();
        Assert.NotEmpty(commands);
        var bySpan = spans.Where(s => s.TraceId == server.TraceId).ToDictionary(s => s.SpanId);
        Assert.All(commands, command => Assert.True(DescendsFrom(command, server, bySpan), $"{command.DisplayName} is not under the PutRecord span"));

        // And the log lines written while serving it carry its trace id.
        Assert.Contains(gateway.Logs, log => log.TraceId == server.TraceId);
    }

    [Fact]
    public async Task Exported_spans_and_logs_carry_no_personal_value_and_spans_no_json_path_ids()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-quiet", Name, Email, DateTimeOffset.UnixEpoch)).Within();
        await _clients.Records.GetRecordAsync(new GetRecordRequest { TenantId = tenant, Collection = "students", RecordId = "stu-quiet", Purpose = StudentRecords.Purpose }).Within();

        using var http = new HttpClient { BaseAddress = gateway.HttpAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await gateway.GetTokenAsync(GatewayFixture.OperatorClientId, GatewayFixture.OperatorSecret));
        const string jsonRecord = "stu-json-marker-7q";
        var body = """{"purpose":"administration","subjectId":"subj-json-marker-7q","fields":{"full_name":{"stringValue":"NAME"},"email":{"stringValue":"EMAIL"}}}"""
            .Replace("NAME", Name, StringComparison.Ordinal).Replace("EMAIL", Email, StringComparison.Ordinal);
        using (var put = await http.PutAsync($"/v1/tenants/{tenant}/collections/students/records/{jsonRecord}", new StringContent(body, Encoding.UTF8, "application/json")))
        {
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }

        using (var get = await http.GetAsync($"/v1/tenants/{tenant}/collections/students/records/{jsonRecord}?purpose=administration"))
        {
            Assert.True(get.IsSuccessStatusCode, await get.Content.ReadAsStringAsync());
        }

        var spans = Snapshot().Select(LogCapturingGatewayFixture.Describe).ToList();
        var logs = gateway.Logs.Select(l => l.Text).ToList();
        // Not vacuous: the calls were traced, by method, and logged.
        Assert.Contains(spans, s => s.Contains("RecordService/GetRecord", StringComparison.Ordinal));
        Assert.Contains(spans, s => s.StartsWith("MongoDB.Driver", StringComparison.Ordinal));
        Assert.NotEmpty(logs);

        string[] personal = [Name, Email, "Marchbanks", "thaddeus"];
        Assert.DoesNotContain(spans.Concat(logs), e => personal.Any(v => e.Contains(v, StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(spans, s => s.Contains("marker-7q", StringComparison.Ordinal) || s.Contains(tenant, StringComparison.Ordinal));
    }

    private List<Activity> Snapshot() => [.. gateway.Spans];

    private static bool DescendsFrom(Activity span, Activity ancestor, Dictionary<ActivitySpanId, Activity> bySpan)
    {
        for (var parent = span.ParentSpanId; parent != default; parent = bySpan.TryGetValue(parent, out var next) ? next.ParentSpanId : default)
        {
            if (parent == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }
}
