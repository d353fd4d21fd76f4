using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;

namespace ProcessorGateway.Server.Tests.Retention;

/// <summary>
/// The job as an operator sees it: bounded per pass, measured, safe when passes overlap (as on two replicas), and
/// the templates' own retention. The fixture's batch size is 50.
/// </summary>
[Collection(RetentionJobGroup.Name)]
public sealed class RetentionJobTests(RetentionGatewayFixture gateway) : IClassFixture<RetentionGatewayFixture>, IDisposable
{
    private const int BatchSize = 50;
    private static readonly TimeSpan PastOneDay = TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1);

    private readonly GrpcTestClients _clients = new(gateway.Channel);
    private readonly MeterListener _listener = new();
    private long _expiredFields;
    private long _expiredRecords;
    private readonly ConcurrentQueue<long> _backlogs = new();

    [Fact]
    public async Task A_pass_changes_at_most_the_batch_size_per_tenant_counts_what_it_erased_and_reports_the_rest_as_backlog()
    {
        var tenant = await EnrolmentSchema.CreateTenantAsync(_clients);
        for (var i = 0; i < BatchSize + 10; i++)
        {
            await _clients.Records.PutRecordAsync(EnrolmentSchema.Row(tenant, $"en-{i:D3}")).Within();
        }

        gateway.Clock.Advance(PastOneDay);
        Listen();
        await gateway.RunPassAsync();

        Assert.Equal(BatchSize * 2, Interlocked.Read(ref _expiredFields));
        Assert.Contains(10 * 2, Backlogs());
        Assert.Equal(10, await StillHoldingAsync(tenant, "nickname"));

        await gateway.RunPassAsync();

        Assert.Equal((BatchSize + 10) * 2, Interlocked.Read(ref _expiredFields));
        Assert.Equal(0, Interlocked.Read(ref _expiredRecords));
        Assert.All(Backlogs(), b => Assert.Equal(0, b));
        Assert.Equal(0, await StillHoldingAsync(tenant, "nickname"));
    }

    [Fact]
    public async Task Passes_running_at_once_erase_and_count_each_record_once()
    {
        var tenant = await EnrolmentSchema.CreateTenantAsync(_clients);
        for (var i = 0; i < 20; i++)
        {
            await _clients.Records.PutRecordAsync(EnrolmentSchema.Row(tenant, $"en-{i:D3}")).Within();
        }

        gateway.Clock.Advance(PastOneDay);
        Listen();
        await Task.WhenAll(gateway.RunPassAsync(), gateway.RunPassAsync(), gateway.RunPassAsync());

        Assert.Equal(20 * 2, Interlocked.Read(ref _expiredFields));
        var events = (await _clients.Audit.QueryAuditAsync(new QueryAuditRequest { TenantId = tenant, Actor = "job:retention" }).Within()).Events;
        var erased = events.SelectMany(e => e.RecordIds).ToList();
        Assert.Equal(20, erased.Count);
        Assert.Equal(20, erased.Distinct(StringComparer.Ordinal).Count());
        Assert.All(await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            _clients.Records.GetRecordAsync(EnrolmentSchema.Get(tenant, $"en-{i:D3}")).Within())), r => Assert.Equal(2, r.Version));
    }

    [Fact]
    public async Task The_fees_template_keeps_a_record_seven_years_from_its_creation_and_shows_it()
    {
        var template = Assert.Single((await _clients.Schemas.ListTemplatesAsync(new ListTemplatesRequest()).Within()).Templates, t => t.Collection == "fees");
        Assert.Equal((2555, RetentionStart.RecordCreated), (template.RetentionDays, template.RetentionStart));
        Assert.All(template.Fields, f => Assert.Equal(0, f.RetentionDays));

        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var schema = await _clients.Schemas.GetSchemaAsync(new GetSchemaRequest { TenantId = tenant, Collection = "fees" }).Within();
        Assert.Equal((2555, RetentionStart.RecordCreated, string.Empty), (schema.RetentionDays, schema.RetentionStart, schema.RetentionDateField));
    }

    public void Dispose() => _listener.Dispose();

    private void Listen()
    {
        _listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "ProcessorGateway" && instrument.Name.StartsWith("pg.retention.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            switch (instrument.Name)
            {
                case "pg.retention.expired_fields": Interlocked.Add(ref _expiredFields, value); break;
                case "pg.retention.expired_records": Interlocked.Add(ref _expiredRecords, value); break;

                // Every gateway alive in the test process reports its own backlog: this one's is among them.
                case "pg.retention.backlog": _backlogs.Enqueue(value); break;
            }
        });
        _listener.Start();
    }

    private List<long> Backlogs()
    {
        _backlogs.Clear();
        _listener.RecordObservableInstruments();
        return [.. _backlogs];
    }

    private async Task<int> StillHoldingAsync(string tenant, string field)
    {
        var page = await _clients.Records.QueryRecordsAsync(new QueryRecordsRequest
        {
            TenantId = tenant, Collection = EnrolmentSchema.Collection, Purpose = EnrolmentSchema.Purpose, PageSize = 500,
        }).Within();
        return page.Records.Count(r => r.Fields.ContainsKey(field));
    }
}
