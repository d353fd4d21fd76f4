using Grpc.Core;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;
using Value = ProcessorGateway.Contracts.V1.Value;

namespace ProcessorGateway.Server.Tests.Records;

/// <summary>The bulk upload stream: one result per row, so a bad row fails alone.</summary>
public sealed class BatchPutTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private readonly GrpcTestClients _clients = new(gateway.Channel);
    private readonly RawStore _store = new(gateway);

    [Fact]
    public async Task Twenty_rows_with_three_bad_ones_store_the_seventeen_good_ones_and_report_each_failure_by_index()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var rows = Enumerable.Range(0, 20).Select(i => StudentRecords.Attendance(tenant, $"att-{i:D2}", $"stu-{i % 5}")).ToList();
        rows[3].Fields["mood"] = new Value { StringValue = "sleepy" };
        rows[9].Fields["status"] = new Value { BoolValue = true };
        rows[16].RecordId = "att/16";
        var bad = new Dictionary<int, string> { [3] = "fields.mood", [9] = "fields.status", [16] = "record_id" };

        var response = await SendAsync(rows.Select(r => new BatchPutRecordsRequest { Item = r }));

        Assert.Equal((17, 3), (response.Succeeded, response.Failed));
        Assert.Equal(Enumerable.Range(0, 20), response.Results.Select(r => r.Index));
        foreach (var result in response.Results)
        {
            if (bad.TryGetValue(result.Index, out var field))
            {
                Assert.Equal((int)StatusCode.InvalidArgument, result.Code);
                Assert.StartsWith(field + ":", result.Message, StringComparison.Ordinal);
                Assert.Null(result.Result);
            }
            else
            {
                Assert.Equal((int)StatusCode.OK, result.Code);
                Assert.Empty(result.Message);
                var written = Assert.IsType<WriteResult>(result.Result);
                Assert.Equal((rows[result.Index].RecordId, 1L, false), (written.RecordId, written.Version, written.Replayed));
            }
        }

        var expected = Enumerable.Range(0, 20).Where(i => !bad.ContainsKey(i)).Select(i => $"att-{i:D2}").ToList();
        Assert.Equal(expected, await _store.RecordIdsAsync(tenant, "attendance"));
        Assert.Equal(17, await _store.CountRecordsAsync(tenant));
    }

    [Fact]
    public async Task A_row_that_fails_for_a_reason_other_than_its_input_reports_putrecords_code()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(StudentRecords.Attendance(tenant, "att-00", "stu-0")).Within();
        var wrongTenant = StudentRecords.Attendance(StudentRecords.NewTenantId("nowhere"), "att-02", "stu-0");

        var response = await SendAsync(
        [
            new BatchPutRecordsRequest { Item = StudentRecords.Attendance(tenant, "att-00", "stu-0") },
            new BatchPutRecordsRequest { Item = StudentRecords.Attendance(tenant, "att-01", "stu-0") },
            new BatchPutRecordsRequest { Item = wrongTenant },
        ]);

        Assert.Equal(
            [((int)StatusCode.FailedPrecondition, 0), ((int)StatusCode.OK, 1), ((int)StatusCode.NotFound, 2)],
            response.Results.Select(r => (r.Code, r.Index)));
        Assert.Equal((1, 2), (response.Succeeded, response.Failed));
    }

    [Fact]
    public async Task An_empty_stream_gives_zero_results()
    {
        var response = await SendAsync([]);

        Assert.Empty(response.Results);
        Assert.Equal((0, 0), (response.Succeeded, response.Failed));
    }

    [Fact]
    public async Task An_item_with_nothing_set_fails_alone_with_invalid_argument()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);

        var response = await SendAsync(
        [
            new BatchPutRecordsRequest { Item = StudentRecords.Attendance(tenant, "att-00", "stu-0") },
            new BatchPutRecordsRequest(),
            new BatchPutRecordsRequest { Item = StudentRecords.Attendance(tenant, "att-02", "stu-0") },
        ]);

        Assert.Equal((2, 1), (response.Succeeded, response.Failed));
        var empty = response.Results[1];
        Assert.Equal(1, empty.Index);
        Assert.Equal((int)StatusCode.InvalidArgument, empty.Code);
        Assert.StartsWith("tenant_id:", empty.Message, StringComparison.Ordinal);
        Assert.Equal(["att-00", "att-02"], await _store.RecordIdsAsync(tenant, "attendance"));
    }

    private Task<BatchPutRecordsResponse> SendAsync(IEnumerable<BatchPutRecordsRequest> items) => BatchUpload.SendAsync(_clients, items);
}
