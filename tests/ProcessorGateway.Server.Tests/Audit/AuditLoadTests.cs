using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;
using Xunit.Abstractions;

namespace ProcessorGateway.Server.Tests.Audit;

/// <summary>
/// Two gateway processes on one MongoDB, many concurrent clients making mixed calls through both: every
/// chain verifies (no fork, no gap, across replicas) and the audit log holds exactly one event per call.
/// <c>PG_AUDIT_LOAD_CALLS</c> sets the number of calls: 1,000 in the suite, 10,000 with <c>scripts/audit-load.sh</c>.
/// </summary>
/// <remarks>
/// The development server's single writes slow linearly with the size of a collection (about 0.5 s each
/// at 10k documents, see docs/dev-mongo.md), and every call here appends to one audit collection, so the
/// storage timeouts and the calls' deadline are set for that server, not for production, and many
/// callers wait at once, so that each group commit carries many events.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes the replicas through IAsyncLifetime.DisposeAsync")]
public sealed class AuditLoadTests(ITestOutputHelper output) : IAsyncLifetime
{
    public const string CallsVariable = "PG_AUDIT_LOAD_CALLS";
    private const int Workers = 96;
    private static readonly TimeSpan CallDeadline = TimeSpan.FromMinutes(2);
    private const int Tenants = 3;

    private readonly string _database = TestServers.DatabaseFor(typeof(AuditLoadTests));
    private readonly List<GatewayProcess> _replicas = [];

    private static int Calls => int.TryParse(Environment.GetEnvironmentVariable(CallsVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var calls) && calls > 0
        ? calls
        : 1000;

    public async Task InitializeAsync()
    {
        var settings = GatewayFixture.SettingsFor(_database);
        settings["Gateway:Audit:Timeout"] = CallDeadline.ToString("c", CultureInfo.InvariantCulture);
        settings["Gateway:Mongo:OperationTimeout"] = CallDeadline.ToString("c", CultureInfo.InvariantCulture);

        // Each caller holds one token for the whole run, which lasts longer than the default five minutes at 10,000 calls.
        settings["Gateway:Auth:AccessTokenLifetime"] = "01:00:00";
        _replicas.Add(await GatewayProcess.StartAsync(settings));
        _replicas.Add(await GatewayProcess.StartAsync(settings));
    }

    [Fact]
    public async Task After_many_mixed_concurrent_calls_through_two_replicas_every_chain_verifies_and_holds_one_event_per_call()
    {
        using var operatorChannel = await _replicas[0].CreateChannelAsync(GatewayFixture.OperatorClientId, GatewayFixture.OperatorSecret);
        var admin = new GrpcTestClients(operatorChannel);
        var tenants = new List<string>();
        var clients = new List<(string Tenant, string ClientId, GrpcTestClients Clients, GrpcChannel Channel)>();
        for (var t = 0; t < Tenants; t++)
        {
            var tenant = await StudentRecords.CreateTenantWithTemplatesAsync(admin, ["attendance"]);
            tenants.Add(tenant);
            await admin.Records.PutRecordAsync(StudentRecords.Attendance(tenant, "att-seed", "stu-1")).Within();
            var registered = await admin.Tenants.RegisterClientAsync(new RegisterClientRequest
            {
                TenantId = tenant, DisplayName = "load", Scopes = { Scopes.RecordsRead, Scopes.RecordsWrite, Scopes.AuditRead }, Purposes = { "attendance" },
            }).Within();

            // One channel per replica: the same client's calls land on both.
            foreach (var replica in _replicas)
            {
                var channel = await replica.CreateChannelAsync(registered.Client.ClientId, registered.ClientSecret);
                clients.Add((tenant, registered.Client.ClientId, new GrpcTestClients(channel), channel));
            }
        }

        var made = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < Calls; i = Interlocked.Increment(ref next))
            {
                var (tenant, _, c, _) = clients[i % clients.Count];
                await MixedCallAsync(c, tenant, i);
                made.AddOrUpdate(tenant, 1, (_, n) => n + 1);
                if ((i + 1) % 1000 == 0)
                {
                    output.WriteLine($"{i + 1} calls started, {clock.Elapsed.TotalSeconds:F0} s");
                }
            }
        })));
        output.WriteLine($"{Calls} calls in {clock.Elapsed.TotalSeconds:F1} s through {_replicas.Count} gateway processes, {Workers} concurrent callers");

        foreach (var tenant in tenants)
        {
            var reader = clients.First(c => c.Tenant == tenant);
            var verified = await reader.Clients.Audit.VerifyAuditChainAsync(new VerifyAuditChainRequest { TenantId = tenant }).ResponseAsync.WaitAsync(CallDeadline);
            Assert.True(verified.Intact, $"{tenant}: {verified.FirstBreak?.Detail}");
            var events = await AuditedCalls.ReadAllAsync(reader.Channel, tenant, reader.ClientId);
            Assert.Equal(made[tenant], events.Count(e => e.Action.StartsWith("RecordService.", StringComparison.Ordinal)));
            Assert.Equal(verified.EventsChecked, verified.HeadSequence);
        }

        var operatorChain = await admin.Audit.VerifyAuditChainAsync(new VerifyAuditChainRequest { OperatorChain = true }).ResponseAsync.WaitAsync(CallDeadline);
        Assert.True(operatorChain.Intact, operatorChain.FirstBreak?.Detail);
        Assert.Equal(Calls, made.Values.Sum());
        foreach (var (_, _, _, channel) in clients)
        {
            channel.Dispose();
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }
    }

    /// <summary>
    /// Reads, queries, reads of a missing record (NOT_FOUND is audited too) and one write in ten, so the
    /// records collection stays where the development server's writes are still fast.
    /// </summary>
    private static async Task MixedCallAsync(GrpcTestClients c, string tenant, int i)
    {
        switch (i % 10 == 0 ? 0 : 1 + (i % 3))
        {
            case 0:
                await c.Records.PutRecordAsync(StudentRecords.Attendance(tenant, $"att-{i}", $"stu-{i % 50}")).ResponseAsync.WaitAsync(CallDeadline);
                break;
            case 1:
                await c.Records.GetRecordAsync(new GetRecordRequest { TenantId = tenant, Collection = "attendance", RecordId = "att-seed", Purpose = "attendance" }).ResponseAsync.WaitAsync(CallDeadline);
                break;
            case 2:
                await c.Records.QueryRecordsAsync(new QueryRecordsRequest { TenantId = tenant, Collection = "attendance", SubjectId = "subj-stu-1", Purpose = "attendance", PageSize = 5 }).ResponseAsync.WaitAsync(CallDeadline);
                break;
            default:
                var missing = await Assert.ThrowsAsync<RpcException>(() => c.Records.GetRecordAsync(
                    new GetRecordRequest { TenantId = tenant, Collection = "attendance", RecordId = $"missing-{i}", Purpose = "attendance" }).ResponseAsync.WaitAsync(CallDeadline));
                Assert.Equal(StatusCode.NotFound, missing.StatusCode);
                break;
        }
    }
}
