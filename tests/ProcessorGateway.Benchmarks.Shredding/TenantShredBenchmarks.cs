using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Core.Shredding;
using ProcessorGateway.Storage.Mongo;

namespace ProcessorGateway.Benchmarks.Shredding;

/// <summary>
/// Erasing a whole tenant, two ways, for 1,000, 10,000 and 50,000 records:
/// <list type="bullet">
/// <item><b>Delete_records</b> (baseline): what a service without crypto-shredding must do, one
/// <c>DeleteMany</c> of the tenant's records, with the gateway's write concern (majority, journaled).</item>
/// <item><b>Shred_tenant</b>: <see cref="ShredService.OffboardTenantAsync"/> exactly as the gateway runs it
/// with one replica: tenant marked offboarding, one ledger tombstone per key (every subject key, the data
/// key and the index key), the keys deleted, evicted, the tenant marked shredded. The records stay (the
/// purge job removes them later); from the reply on they are unreadable.</item>
/// </list>
/// The tenant is seeded once per case (<see cref="SeededTenant"/>) and put back before every iteration,
/// untimed, so every iteration starts from the same state.
/// </summary>
/// <remarks>
/// The job: an invocation destroys its data (a second shred of a tenant is a replay; a second delete finds
/// nothing), so each one needs the tenant put back first: one invocation per iteration, no unrolling. Each
/// takes from seconds down to milliseconds, far above the timer's resolution, so the monitoring strategy
/// (no pilot, no overhead subtraction) loses nothing. Few iterations, because after a delete, putting 50,000
/// records back costs about 35 s on the development server; no warm-up iterations, for the same reason:
/// the first measured one includes JIT compilation, and five of them let the median set it aside.
/// </remarks>
/// </remarks>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 5)]
[MedianColumn]
[MinColumn]
[MaxColumn]
[Config(typeof(Config))]
public class TenantShredBenchmarks
{
    private const string Reason = "benchmark";
    private const string Actor = "benchmark";

    private GatewayServices? _gateway;
    private SeededTenant? _tenant;
    private IMongoCollection<BsonDocument>? _records;
    private long _deleted = -1;
    private ShredOutcome? _shredded;

    [Params(1_000, 10_000, 50_000)]
    public int Records { get; set; }

    private SeededTenant Tenant => _tenant ?? throw new InvalidOperationException("the global set-up did not run");

    // BenchmarkDotNet calls set-up and clean-up methods synchronously; blocking on the task is safe in a
    // console process (no synchronisation context) and keeps every await inside the async helpers.
    [GlobalSetup]
    public void SeedTenant()
    {
        // Databases of their own per benchmark process: nothing from another case or an earlier run is read,
        // and no collection starts with documents in it.
        var database = $"pgshred_{Guid.NewGuid():N}"[..20];
        var subjects = BenchmarkSettings.Subjects(Records);
        _gateway = GatewayServices.StartAsync(BenchmarkSettings.MongoUri(), database, CancellationToken.None).GetAwaiter().GetResult();
        _tenant = SeededTenant.CreateAsync(_gateway, "benchmark-school", Records, subjects, CancellationToken.None).GetAwaiter().GetResult();
        _records = _gateway.Context.Database.GetCollection<BsonDocument>(MongoContext.Records);
        Console.WriteLine($"// {Records:N0} records of {subjects:N0} data subjects in databases {database}*");
    }

    [IterationSetup]
    public void RestoreTenant() => Tenant.RestoreAsync(CancellationToken.None).GetAwaiter().GetResult();

    [Benchmark(Baseline = true)]
    public async Task Delete_records()
    {
        var result = await _records!.DeleteManyAsync(Builders<BsonDocument>.Filter.Eq("t", Tenant.Tenant.TenantId)).ConfigureAwait(false);
        _deleted = result.DeletedCount;
    }

    [Benchmark]
    public async Task Shred_tenant() =>
        _shredded = await _gateway!.Shredder.OffboardTenantAsync(Tenant.Tenant.TenantId, Reason, Actor, CancellationToken.None).ConfigureAwait(false);

    // A figure for less work than asked would be a figure for something else: check each invocation did it all.
    [IterationCleanup(Target = nameof(Delete_records))]
    public void CheckDeleted()
    {
        Require(_deleted == Records, $"the delete removed {_deleted} records, not {Records}");
        _deleted = -1;
    }

    [IterationCleanup(Target = nameof(Shred_tenant))]
    public void CheckShredded()
    {
        var shredded = _shredded ?? throw new InvalidOperationException("the shred did not reply");
        Require(!shredded.Replayed && shredded.KeyIds.Count == Tenant.Keys,
            $"the shred destroyed {shredded.KeyIds.Count} keys (replayed: {shredded.Replayed}), not the tenant's {Tenant.Keys}");
        _shredded = null;
    }

    [GlobalCleanup]
    public void RemoveTenant()
    {
        _tenant?.RemoveAsync(CancellationToken.None).GetAwaiter().GetResult();
        _tenant = null;
        _gateway?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _gateway = null;
    }

    private static void Require(bool condition, string failure)
    {
        if (!condition)
        {
            throw new InvalidOperationException(failure);
        }
    }

    private sealed class Config : BenchmarkDotNet.Configs.ManualConfig
    {
        public Config() => AddColumn(new SubjectsColumn());
    }
}
