using System.Diagnostics;
using System.Globalization;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Benchmarks.Audit;

/// <summary>
/// GetRecord against two in-process gateways of the same build on the same MongoDB server, auditing on
/// and off, in alternating rounds so drift on a shared machine hits both alike. Reports the median and
/// p95 latency of sequential calls, the throughput of concurrent ones, and the on/off ratios.
/// </summary>
internal static class AuditOverhead
{
    private const int Workers = 8;

    public static async Task<int> RunAsync(TextWriter output)
    {
        var mongo = Environment.GetEnvironmentVariable("PG_BENCH_MONGO_URI");
        if (string.IsNullOrWhiteSpace(mongo))
        {
            await Console.Error.WriteLineAsync("error: PG_BENCH_MONGO_URI is not set; run tests/ProcessorGateway.Benchmarks.Audit/run.sh").ConfigureAwait(false);
            return 2;
        }

        Environment.SetEnvironmentVariable(TestServers.MongoVariable, mongo);
        var calls = Setting("PG_BENCH_AUDIT_CALLS", 200);
        var rounds = Setting("PG_BENCH_AUDIT_ROUNDS", 5);
        await using var on = await Target.StartAsync(auditEnabled: true).ConfigureAwait(false);
        await using var off = await Target.StartAsync(auditEnabled: false).ConfigureAwait(false);
        await on.SequentialAsync(50).ConfigureAwait(false);
        await off.SequentialAsync(50).ConfigureAwait(false);

        var latencies = new Dictionary<bool, List<double>> { [true] = [], [false] = [] };
        var throughput = new Dictionary<bool, List<double>> { [true] = [], [false] = [] };
        for (var round = 0; round < rounds; round++)
        {
            foreach (var target in round % 2 == 0 ? new[] { off, on } : [on, off])
            {
                latencies[target.AuditEnabled].AddRange(await target.SequentialAsync(calls).ConfigureAwait(false));
                throughput[target.AuditEnabled].Add(await target.ConcurrentAsync(calls, Workers).ConfigureAwait(false));
            }
        }

        var offMedian = Percentile(latencies[false], 0.5);
        var onMedian = Percentile(latencies[true], 0.5);
        output.WriteLine(Invariant($"GetRecord, {rounds} rounds x {calls} calls per configuration; MongoDB {(mongo.Contains("127.0.0.1", StringComparison.Ordinal) ? "on loopback" : "as configured")}"));
        output.WriteLine(Invariant($"sequential latency, audit off: median {offMedian:F2} ms, p95 {Percentile(latencies[false], 0.95):F2} ms"));
        output.WriteLine(Invariant($"sequential latency, audit on:  median {onMedian:F2} ms, p95 {Percentile(latencies[true], 0.95):F2} ms"));
        output.WriteLine(Invariant($"ratio of medians (on / off): {onMedian / offMedian:F2}x, +{onMedian - offMedian:F2} ms per call"));
        var offRate = Percentile(throughput[false], 0.5);
        var onRate = Percentile(throughput[true], 0.5);
        output.WriteLine(Invariant($"{Workers} concurrent callers, median calls/s: audit off {offRate:F0}, audit on {onRate:F0}, ratio {onRate / offRate:F2}"));
        return 0;
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed class Target : IAsyncDisposable
    {
        private readonly GatewayReplica _gateway;
        private readonly RecordService.RecordServiceClient _records;
        private readonly GetRecordRequest _get;

        private Target(bool auditEnabled, GatewayReplica gateway, RecordService.RecordServiceClient records, string tenant)
        {
            AuditEnabled = auditEnabled;
            _gateway = gateway;
            _records = records;
            _get = new GetRecordRequest { TenantId = tenant, Collection = "students", RecordId = "stu-1", Purpose = "administration" };
        }

        public bool AuditEnabled { get; }

        public static async Task<Target> StartAsync(bool auditEnabled)
        {
            var database = TestServers.DatabaseFor(typeof(AuditOverhead), auditEnabled ? "on" + Guid.NewGuid().ToString("N")[..6] : "off" + Guid.NewGuid().ToString("N")[..6]);
            var gateway = new GatewayReplica(database, new Dictionary<string, string?>
            {
                ["Gateway:Audit:Enabled"] = auditEnabled ? "true" : "false",
                ["Logging:LogLevel:Default"] = "Warning",
            });
            await gateway.InitializeAsync().ConfigureAwait(false);
            var tenants = new TenantService.TenantServiceClient(gateway.Channel);
            var tenant = $"bench-{Guid.NewGuid():N}"[..16];
            await tenants.CreateTenantAsync(new CreateTenantRequest { TenantId = tenant, DisplayName = "Bench School", Templates = { "students" } });
            var registered = await tenants.RegisterClientAsync(new RegisterClientRequest
            {
                TenantId = tenant, DisplayName = "bench", Scopes = { "records.read", "records.write" }, Purposes = { "administration" },
            });
            var channel = await gateway.CreateChannelAsync(registered.Client.ClientId, registered.ClientSecret).ConfigureAwait(false);
            var records = new RecordService.RecordServiceClient(channel);
            await records.PutRecordAsync(new PutRecordRequest
            {
                TenantId = tenant, Collection = "students", RecordId = "stu-1", SubjectId = "subj-1", Purpose = "administration",
                Fields = { ["full_name"] = new Value { StringValue = "Ada Lovelace" }, ["grade_level"] = new Value { StringValue = "7" } },
            });
            return new Target(auditEnabled, gateway, records, tenant);
        }

        public async Task<List<double>> SequentialAsync(int calls)
        {
            var latencies = new List<double>(calls);
            for (var i = 0; i < calls; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await _records.GetRecordAsync(_get);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return latencies;
        }

        /// <returns>Calls per second.</returns>
        public async Task<double> ConcurrentAsync(int calls, int workers)
        {
            var next = -1;
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
            {
                while (Interlocked.Increment(ref next) < calls)
                {
                    await _records.GetRecordAsync(_get);
                }
            }))).ConfigureAwait(false);
            return calls / Stopwatch.GetElapsedTime(started).TotalSeconds;
        }

        public async ValueTask DisposeAsync() => await _gateway.DisposeAsync().ConfigureAwait(false);
    }
}
