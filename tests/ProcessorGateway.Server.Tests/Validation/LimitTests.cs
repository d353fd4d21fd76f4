using System.Globalization;
using Grpc.Core;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Validation;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;
using Value = ProcessorGateway.Contracts.V1.Value;

namespace ProcessorGateway.Server.Tests.Validation;

/// <summary>
/// Each size limit, crossed by one: refused with INVALID_ARGUMENT whose message names the limit and its
/// value, and nothing written.
/// </summary>
public sealed class LimitTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private readonly GrpcTestClients _clients = new(gateway.Channel);
    private readonly RawStore _store = new(gateway);

    [Fact]
    public async Task A_request_message_over_the_size_limit_is_invalid_argument_naming_the_limit()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var put = Student(tenant, "stu-big");
        put.Fields["full_name"] = new Value { StringValue = new string('x', Limits.MaxRequestMessageBytes) };

        var error = await RpcAssert.InvalidArgumentAsync("request", () => _clients.Records.PutRecordAsync(put).ResponseAsync);

        Assert.Contains($"request message size limit of {Number(Limits.MaxRequestMessageBytes)} bytes", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await _store.CountRecordsAsync(tenant));
    }

    [Fact]
    public async Task A_request_message_above_the_transport_ceiling_is_refused_before_it_is_buffered()
    {
        // Documented exception: past twice the limit grpc-dotnet refuses the message from its length prefix alone.
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var put = Student(tenant, "stu-huge");
        put.Fields["full_name"] = new Value { StringValue = new string('x', (2 * Limits.MaxRequestMessageBytes) + 1) };

        var error = await RpcAssert.FailsAsync(StatusCode.ResourceExhausted, () => _clients.Records.PutRecordAsync(put).ResponseAsync);

        Assert.False(string.IsNullOrWhiteSpace(error.Status.Detail));
        Assert.Equal(0, await _store.CountRecordsAsync(tenant));
    }

    [Fact]
    public async Task A_batch_over_the_batch_size_limit_refuses_the_rows_past_it_naming_the_limit()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);

        // Every row is also bad (a field named $set), so nothing at all may be written; the last one is past the limit.
        using var call = _clients.Records.BatchPutRecords(deadline: DateTime.UtcNow.AddMinutes(2));
        for (var i = 0; i <= Limits.MaxBatchItems; i++)
        {
            var row = Student(tenant, $"stu-{i}");
            row.Fields["$set"] = new Value { StringValue = "x" };
            await call.RequestStream.WriteAsync(new BatchPutRecordsRequest { Item = row });
        }

        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal((0, Limits.MaxBatchItems + 1), (response.Succeeded, response.Failed));
        var past = response.Results.Single(r => r.Index == Limits.MaxBatchItems);
        Assert.Equal((int)StatusCode.InvalidArgument, past.Code);
        Assert.Equal($"item: a batch holds at most {Number(Limits.MaxBatchItems)} items; this one was not written", past.Message);
        Assert.All(response.Results.Where(r => r.Index < Limits.MaxBatchItems), r => Assert.StartsWith("fields: names a field that is not a valid field name", r.Message, StringComparison.Ordinal));
        Assert.Equal(0, await _store.CountRecordsAsync(tenant));
    }

    [Fact]
    public async Task A_record_over_the_field_count_limit_is_invalid_argument_naming_the_limit()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var put = Student(tenant, "stu-wide");
        for (var i = put.Fields.Count; i <= Limits.MaxFieldsPerRecord; i++)
        {
            put.Fields[$"extra_{i}"] = new Value { StringValue = "x" };
        }

        var error = await RpcAssert.InvalidArgumentAsync("fields", () => _clients.Records.PutRecordAsync(put).ResponseAsync);

        Assert.Equal($"fields: a record has at most {Number(Limits.MaxFieldsPerRecord)} fields", error.Status.Detail);
        Assert.Equal(0, await _store.CountRecordsAsync(tenant));
    }

    [Fact]
    public async Task A_string_over_the_string_length_limit_is_invalid_argument_naming_the_limit()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var put = Student(tenant, "stu-long");
        put.Fields["full_name"] = new Value { StringValue = new string('x', Limits.MaxStringValueBytes + 1) };

        var error = await RpcAssert.InvalidArgumentAsync("fields.full_name", () => _clients.Records.PutRecordAsync(put).ResponseAsync);

        Assert.Equal($"fields.full_name: a string is at most {Number(Limits.MaxStringValueBytes)} bytes", error.Status.Detail);
        Assert.Equal(0, await _store.CountRecordsAsync(tenant));
    }

    private static PutRecordRequest Student(string tenant, string recordId) =>
        StudentRecords.Student(tenant, recordId, "Grace Hopper", "grace@example.org", DateTimeOffset.UnixEpoch);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
