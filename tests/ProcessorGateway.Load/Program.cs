using System.CommandLine;
using Grpc.Net.Client;
using MongoDB.Driver;
using ProcessorGateway.Client;
using ProcessorGateway.Load;

var credentials = new Option<string>("--credentials") { Description = "The gateway's credentials file (the run command writes it)", DefaultValueFactory = _ => DevelopmentCredentials.DefaultPath };
var mongo = new Option<string?>("--mongo") { Description = "The MongoDB the gateway uses, for the direct-driver baseline (default: $PG_LOAD_MONGO_URI)" };
var callers = new Option<int>("--callers") { Description = "Concurrent callers", DefaultValueFactory = _ => 16 };
var seconds = new Option<int>("--seconds") { Description = "Length of each phase", DefaultValueFactory = _ => 20 };
var warmup = new Option<int>("--warmup") { Description = "Seconds of unmeasured load before each phase (the gateway's JIT settles)", DefaultValueFactory = _ => 10 };
var count = new Option<long?>("--count") { Description = "Stop each phase after this many calls, if sooner" };
var mix = new Option<string>("--mix") { Description = "Operation weights", DefaultValueFactory = _ => OperationMix.Default.ToString() };
var batch = new Option<int>("--batch-size") { Description = "Records per BatchPutRecords call", DefaultValueFactory = _ => 20 };
var records = new Option<int>("--records-per-caller") { Description = "Record ids each caller writes over, round and round (as many again for batches)", DefaultValueFactory = _ => 30 };
var metrics = new Option<string?>("--metrics-url") { Description = "The gateway's Prometheus scrape address, for its MongoDB round trips and time per call" };
var seed = new Option<int?>("--seed") { Description = "Seed of the callers' random choices (default: random, printed)" };
var gatewayPid = new Option<int?>("--gateway-pid") { Description = "The gateway's process id, to report its CPU per call" };
var health = new Option<string>("--noop-health-service") { Description = "grpc.health.v1 service name with no checks behind it", DefaultValueFactory = _ => "liveness" };
var scenario = new Option<string>("--scenario") { Description = "load: the phases below; token-flood: one caller's GetRecord latency idle and under a token-endpoint flood", DefaultValueFactory = _ => "load" };
var floodConcurrency = new Option<int>("--flood-concurrency") { Description = "token-flood: concurrent wrong-secret token requests", DefaultValueFactory = _ => 16 };
var phases = new Option<string>("--phases") { Description = "Which targets, in order: noop, direct, gateway", DefaultValueFactory = _ => "noop,direct,gateway" };

var root = new RootCommand("Load ProcessorGateway with concurrent callers and compare it with direct MongoDB calls and a no-op gRPC call.")
{
    credentials, mongo, callers, seconds, warmup, count, mix, batch, records, seed, gatewayPid, health, phases, metrics, scenario, floodConcurrency,
};
root.SetAction(async (parsed, cancellationToken) =>
{
    var options = new LoadOptions
    {
        CredentialsPath = parsed.GetValue(credentials)!,
        MongoUri = parsed.GetValue(mongo) ?? Environment.GetEnvironmentVariable("PG_LOAD_MONGO_URI"),
        Callers = parsed.GetValue(callers),
        Duration = TimeSpan.FromSeconds(parsed.GetValue(seconds)),
        Warmup = TimeSpan.FromSeconds(parsed.GetValue(warmup)),
        Count = parsed.GetValue(count),
        Mix = OperationMix.Parse(parsed.GetValue(mix)!),
        BatchSize = parsed.GetValue(batch),
        RecordsPerCaller = parsed.GetValue(records),
        Seed = parsed.GetValue(seed) ?? Random.Shared.Next(),
        GatewayPid = parsed.GetValue(gatewayPid),
        NoOpHealthService = parsed.GetValue(health)!,
        MetricsUrl = parsed.GetValue(metrics) is { } url ? new Uri(url, UriKind.Absolute) : null,
    };
    if (options.Mix.Operations.Contains(Operation.Batch) && options.BatchSize > options.RecordsPerCaller)
    {
        // Batch ids go round the caller's own ids: a larger batch would name one record twice.
        Console.Error.WriteLine($"--batch-size ({options.BatchSize}) must not exceed --records-per-caller ({options.RecordsPerCaller}): a batch would name a record twice");
        return 2;
    }

    Console.Error.WriteLine($"seed {options.Seed} (repeat with --seed {options.Seed})");

    var dev = await DevelopmentCredentials.LoadAsync(options.CredentialsPath, cancellationToken);
    var clientOptions = dev.ToClientOptions();
    if (parsed.GetValue(scenario) == "token-flood")
    {
        var tenant = dev.TenantId ?? throw new InvalidOperationException("the credentials name no tenant");
        await using var measured = new GatewayTarget(GatewayConnection.Create(clientOptions), tenant, options.BatchSize, options.CallDeadline);
        var tokenEndpoint = dev.TokenEndpoint ?? throw new InvalidOperationException("the credentials name no token endpoint");
        return await new TokenFloodScenario(measured, tokenEndpoint, options, parsed.GetValue(floodConcurrency), Console.Error).RunAsync(Console.Out, cancellationToken);
    }

    using var runner = new LoadRunner(options, Console.Error);
    var results = new List<PhaseResult>();
    foreach (var phase in parsed.GetValue(phases)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
    {
        await using ILoadTarget target = phase switch
        {
            "noop" => new NoOpTarget(GrpcChannel.ForAddress(dev.GrpcAddress), options.NoOpHealthService, options.CallDeadline),
            "direct" => new DirectDriverTarget(new MongoClient(options.MongoUri ?? throw new InvalidOperationException("the direct baseline needs --mongo or PG_LOAD_MONGO_URI")), options.BatchSize),
            "gateway" => new GatewayTarget(GatewayConnection.Create(clientOptions), dev.TenantId ?? throw new InvalidOperationException("the credentials name no tenant"), options.BatchSize, options.CallDeadline),
            _ => throw new InvalidOperationException($"unknown phase '{phase}': use noop, direct or gateway"),
        };
        results.Add(await runner.RunAsync(target, cancellationToken));
    }

    LoadReport.Write(Console.Out, options, results);
    return results.Sum(r => r.Failures) == 0 ? 0 : 1;
});

return await root.Parse(args).InvokeAsync();
