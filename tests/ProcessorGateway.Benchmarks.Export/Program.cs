using System.Diagnostics;
using System.Globalization;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Benchmarks.Export;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Testing;

// seed <database> <records> <subjects> | export <database>
// The export runs in a process of its own, so its peak working set is the export's alone.
if (args.Length < 2 || args[0] is not ("seed" or "export"))
{
    await Console.Error.WriteLineAsync("usage: seed <database> <records> <subjects> | export <database>");
    return 2;
}

var database = args[1];
const string TenantId = "export-bench";
using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(30));
if (args[0] == "seed")
{
    var gateway = new BenchmarkGateway(database);
    await gateway.InitializeAsync();
    var watch = Stopwatch.StartNew();
    await Seeder.SeedAsync(gateway, TenantId, int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture), stop.Token);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {args[2]} records in {watch.Elapsed.TotalSeconds:F1} s"));
    await gateway.DisposeAsync();
    return 0;
}

var exporter = new BenchmarkGateway(database);
await exporter.InitializeAsync();
var client = new SubjectRightsService.SubjectRightsServiceClient(exporter.Channel);
GC.Collect();
GC.WaitForPendingFinalizers();
GC.Collect();
using var self = Process.GetCurrentProcess();
self.Refresh();
var baselineHeap = GC.GetTotalMemory(forceFullCollection: false);
var baselineWorkingSet = self.WorkingSet64;
long peakHeap = baselineHeap, peakWorkingSet = baselineWorkingSet, bytes = 0, done = 0, total = 0, chunks = 0;
using var sampling = new CancellationTokenSource();
var sampler = Task.Run(async () =>
{
    while (!sampling.IsCancellationRequested)
    {
        self.Refresh();
        peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
        peakWorkingSet = Math.Max(peakWorkingSet, self.WorkingSet64);
        await Task.Delay(10, CancellationToken.None);
    }
});

var timer = Stopwatch.StartNew();
using (var call = client.ExportTenant(new ExportTenantRequest { TenantId = TenantId }, cancellationToken: stop.Token))
{
    while (await call.ResponseStream.MoveNext(stop.Token))
    {
        // Counted and dropped: the client keeps nothing, so what grows would be the gateway's.
        bytes += call.ResponseStream.Current.Ndjson.Length;
        (done, total) = (call.ResponseStream.Current.RecordsDone, call.ResponseStream.Current.RecordsTotal);
        chunks++;
    }
}

timer.Stop();
await sampling.CancelAsync();
await sampler;
self.Refresh();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"records={done}/{total} chunks={chunks} ndjson_mib={bytes / 1048576.0:F1} seconds={timer.Elapsed.TotalSeconds:F1} " +
    $"heap_baseline_mib={baselineHeap / 1048576.0:F1} heap_peak_mib={peakHeap / 1048576.0:F1} " +
    $"ws_baseline_mib={baselineWorkingSet / 1048576.0:F1} ws_peak_mib={peakWorkingSet / 1048576.0:F1} process_peak_ws_mib={self.PeakWorkingSet64 / 1048576.0:F1}"));
await exporter.DisposeAsync();
return done == total ? 0 : 1;
