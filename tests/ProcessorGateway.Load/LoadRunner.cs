using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;

namespace ProcessorGateway.Load;

/// <summary>Runs one target with the configured callers until the duration or the count is reached.</summary>
internal sealed class LoadRunner(LoadOptions options, TextWriter progress) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public void Dispose() => _http.Dispose();

    public async Task<PhaseResult> RunAsync(ILoadTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        await target.PrepareAsync(cancellationToken).ConfigureAwait(false);
        var callers = Enumerable.Range(0, options.Callers).Select(i => new Caller(i, options.Seed, options.RecordsPerCaller)).ToArray();
        if (target.Supports(Operation.Put))
        {
            // Every record id is written once before measuring starts, so the run measures the steady state
            // (replacing records, subject keys known) rather than first writes, and reads always find one.
            await Task.WhenAll(callers.Select(c => PrefillAsync(target, c, cancellationToken))).ConfigureAwait(false);
        }

        if (options.Warmup > TimeSpan.Zero)
        {
            // Unmeasured: the gateway compiles its hot paths to optimised code (tiered JIT) for the first
            // tens of seconds of load, which would otherwise be counted as CPU per call.
            using var warm = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            warm.CancelAfter(options.Warmup);
            await DriveAsync(target, callers, options.Mix, count: null, (_, _) => { }, (_, _) => { }, warm.Token).ConfigureAwait(false);
        }

        var latencies = new ConcurrentBag<(Operation Operation, double Milliseconds)>();
        var failures = new ConcurrentDictionary<Operation, long>();
        var errors = new ConcurrentDictionary<string, long>();
        long finished = 0;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(options.Duration);
        using var self = Process.GetCurrentProcess();
        var toolCpuBefore = self.TotalProcessorTime;
        var countersBefore = await ScrapeAsync(cancellationToken).ConfigureAwait(false);
        var gatewayCpuBefore = GatewayCpu();
        var clock = Stopwatch.StartNew();
        var display = ShowProgressAsync(target.Name, clock, () => Interlocked.Read(ref finished), stop.Token);

        await DriveAsync(target, callers, options.Mix, options.Count,
            (operation, milliseconds) =>
            {
                latencies.Add((operation, milliseconds));
                Interlocked.Increment(ref finished);
            },
            (operation, e) =>
            {
                failures.AddOrUpdate(operation, 1, (_, n) => n + 1);
                errors.AddOrUpdate(Describe(e), 1, (_, n) => n + 1);
                Interlocked.Increment(ref finished);
            },
            stop.Token).ConfigureAwait(false);

        var elapsed = clock.Elapsed;
        self.Refresh();
        var toolCpu = self.TotalProcessorTime - toolCpuBefore;
        var gatewayCpu = GatewayCpu() - gatewayCpuBefore;
        var countersAfter = await ScrapeAsync(cancellationToken).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        await display.ConfigureAwait(false);

        var byOperation = latencies.GroupBy(l => l.Operation).ToDictionary(g => g.Key, g => g.Select(l => l.Milliseconds).ToList());
        var operations = byOperation.Keys.Union(failures.Keys).Order()
            .Select(o => OperationStats.From(o, byOperation.GetValueOrDefault(o) ?? [], failures.GetValueOrDefault(o)))
            .ToList();
        var counters = countersBefore is not null && countersAfter is not null ? GatewayMetrics.Delta(countersBefore, countersAfter) : null;
        return new PhaseResult(target.Name, elapsed, operations, toolCpu, gatewayCpu, errors, counters);
    }

    /// <summary>Every caller calls, one call at a time each, until <paramref name="stop"/> or the count.</summary>
    private static Task DriveAsync(
        ILoadTarget target, IReadOnlyList<Caller> callers, OperationMix mix, long? count,
        Action<Operation, double> succeeded, Action<Operation, Exception> failed, CancellationToken stop)
    {
        long started = 0;
        return Task.WhenAll(callers.Select(caller => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested && (count is not { } limit || Interlocked.Increment(ref started) <= limit))
            {
                var operation = target.Supports(Operation.NoOp) ? Operation.NoOp : mix.Next(caller.Random);
                var begin = Stopwatch.GetTimestamp();
                try
                {
                    await target.ExecuteAsync(operation, caller, CancellationToken.None).ConfigureAwait(false);
                    succeeded(operation, Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
                }
                catch (Exception e) when (e is RpcException or MongoDB.Driver.MongoException or InvalidOperationException or TimeoutException)
                {
                    failed(operation, e);
                }
            }
        }, CancellationToken.None)));
    }

    private async Task PrefillAsync(ILoadTarget target, Caller caller, CancellationToken cancellationToken)
    {
        for (var i = 0; i < options.RecordsPerCaller; i++)
        {
            await PrefillOneAsync(target, Operation.Put, caller, cancellationToken).ConfigureAwait(false);
        }

        for (var written = 0; written < options.RecordsPerCaller; written += options.BatchSize)
        {
            await PrefillOneAsync(target, Operation.Batch, caller, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A prefill write that fails (a slow server timing out) leaves its ids to the measured writes.</summary>
    private async Task PrefillOneAsync(ILoadTarget target, Operation operation, Caller caller, CancellationToken cancellationToken)
    {
        try
        {
            await target.ExecuteAsync(operation, caller, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RpcException or MongoDB.Driver.MongoException or TimeoutException)
        {
            await progress.WriteLineAsync($"prefill: {Describe(e)}").ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyDictionary<string, double>?> ScrapeAsync(CancellationToken cancellationToken) =>
        options.MetricsUrl is { } url ? await GatewayMetrics.ScrapeAsync(_http, url, cancellationToken).ConfigureAwait(false) : null;

    private TimeSpan? GatewayCpu()
    {
        if (options.GatewayPid is not { } pid)
        {
            return null;
        }

        using var gateway = Process.GetProcessById(pid);
        return gateway.TotalProcessorTime;
    }

    private static string Describe(Exception e) => e switch
    {
        RpcException rpc => $"{rpc.StatusCode}: {rpc.Status.Detail}",
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    private async Task ShowProgressAsync(string name, Stopwatch clock, Func<long> done, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                var calls = done();
                var seconds = clock.Elapsed.TotalSeconds;
                await progress.WriteAsync(FormattableString.Invariant(
                    $"\r[{name}] {seconds,5:F0} s of {options.Duration.TotalSeconds:F0} s  {calls,9:N0} calls  {calls / seconds,8:N0}/s   ")).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The phase is over.
        }

        await progress.WriteLineAsync().ConfigureAwait(false);
    }
}
