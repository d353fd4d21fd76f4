using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Grpc.Core;

namespace ProcessorGateway.Load;

/// <summary>
/// The token-endpoint flood (docs/benchmarks.md, "Token endpoint flood"): one caller's GetRecord latency, measured
/// idle and then while <c>floodConcurrency</c> tasks post wrong secrets, each for a client id of its own,
/// as fast as the gateway answers. The gateway's rate limits should keep the flooded latency within twice the idle one.
/// </summary>
internal sealed class TokenFloodScenario(GatewayTarget target, Uri tokenEndpoint, LoadOptions options, int floodConcurrency, TextWriter log)
{
    public async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        await target.PrepareAsync(cancellationToken).ConfigureAwait(false);
        var caller = new Caller(0, options.Seed, options.RecordsPerCaller);
        for (var i = 0; i < options.RecordsPerCaller; i++)
        {
            await target.ExecuteAsync(Operation.Put, caller, cancellationToken).ConfigureAwait(false);
        }

        log.WriteLine($"warming up for {options.Warmup.TotalSeconds} s");
        await MeasureAsync(caller, options.Warmup, cancellationToken).ConfigureAwait(false);
        log.WriteLine($"idle: GetRecord for {options.Duration.TotalSeconds} s");
        var idle = await MeasureAsync(caller, options.Duration, cancellationToken).ConfigureAwait(false);

        log.WriteLine($"flood: {floodConcurrency} wrong-secret token requests at a time, GetRecord for {options.Duration.TotalSeconds} s");
        var answers = new ConcurrentDictionary<HttpStatusCode, long>();
        using var stopFlood = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var http = new HttpClient();
        var flood = Enumerable.Range(0, floodConcurrency).Select(_ => Task.Run(() => FloodAsync(http, answers, stopFlood.Token), CancellationToken.None)).ToList();
        var flooded = await MeasureAsync(caller, options.Duration, cancellationToken).ConfigureAwait(false);
        await stopFlood.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(flood).ConfigureAwait(false);

        Write(output, idle, flooded, answers);
        return idle.Failures + flooded.Failures == 0 ? 0 : 1;
    }

    private void Write(TextWriter output, OperationStats idle, OperationStats flooded, ConcurrentDictionary<HttpStatusCode, long> answers)
    {
        output.WriteLine(Invariant($"token flood: {floodConcurrency} concurrent wrong-secret requests, {options.Duration.TotalSeconds} s each phase, seed {options.Seed}"));
        output.WriteLine("| GetRecord | calls | failed | p50 ms | p99 ms |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var (name, stats) in new[] { ("idle", idle), ("under flood", flooded) })
        {
            output.WriteLine(Invariant($"| {name} | {stats.Calls} | {stats.Failures} | {stats.P50:F1} | {stats.P99:F1} |"));
        }

        output.WriteLine(Invariant($"ratio under flood / idle: p50 {flooded.P50 / idle.P50:F2}x, p99 {flooded.P99 / idle.P99:F2}x (goal: within 2x)"));
        var total = answers.Values.Sum();
        output.WriteLine(Invariant($"token requests answered during the flood: {total} ({total / options.Duration.TotalSeconds:F0}/s): ")
            + string.Join(", ", answers.OrderBy(a => a.Key).Select(a => Invariant($"{(int)a.Key} x{a.Value}"))));
    }

    private async Task<OperationStats> MeasureAsync(Caller caller, TimeSpan duration, CancellationToken cancellationToken)
    {
        var latencies = new List<double>();
        long failures = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            var begin = Stopwatch.GetTimestamp();
            try
            {
                await target.ExecuteAsync(Operation.Get, caller, cancellationToken).ConfigureAwait(false);
                latencies.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
            }
            catch (RpcException)
            {
                failures++;
            }
        }

        return OperationStats.From(Operation.Get, latencies, failures);
    }

    private async Task FloodAsync(HttpClient http, ConcurrentDictionary<HttpStatusCode, long> answers, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var form = new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = "flood-" + Guid.NewGuid().ToString("N"),
                ["client_secret"] = "wrong-secret",
            };
            try
            {
                using var content = new FormUrlEncodedContent(form);
                using var response = await http.PostAsync(tokenEndpoint, content, stop).ConfigureAwait(false);
                answers.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
