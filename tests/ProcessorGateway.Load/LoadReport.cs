using System.Globalization;

namespace ProcessorGateway.Load;

/// <summary>The figures of a run, as a plain-text table with the gateway's ratios to both baselines.</summary>
internal static class LoadReport
{
    public static void Write(TextWriter output, LoadOptions options, IReadOnlyList<PhaseResult> phases)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(phases);
        output.WriteLine(Invariant($"seed {options.Seed}, {options.Callers} callers, {options.Duration.TotalSeconds:F0} s a phase after {options.Warmup.TotalSeconds:F0} s of warm-up, mix {options.Mix}, batch {options.BatchSize}, {options.RecordsPerCaller} record ids per caller"));
        output.WriteLine();
        output.WriteLine("| target | operation | calls | failed | calls/s | p50 ms | p95 ms | p99 ms |");
        output.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var phase in phases)
        {
            foreach (var o in phase.Operations)
            {
                output.WriteLine(Invariant($"| {phase.Target} | {o.Operation} | {o.Calls:N0} | {o.Failures:N0} | {o.Calls / phase.Elapsed.TotalSeconds:N0} | {o.P50:F2} | {o.P95:F2} | {o.P99:F2} |"));
            }

            output.WriteLine(Invariant($"| {phase.Target} | all | {phase.Calls:N0} | {phase.Failures:N0} | {phase.Throughput:N0} | | | |"));
        }

        output.WriteLine();
        WriteRatios(output, phases);
        WriteCpu(output, phases);
        BreakdownReport.Write(output, phases);
        foreach (var phase in phases.Where(p => p.Errors.Count > 0))
        {
            output.WriteLine(Invariant($"errors of {phase.Target}:"));
            foreach (var (error, count) in phase.Errors.OrderByDescending(e => e.Value).Take(5))
            {
                output.WriteLine(Invariant($"  {count:N0} × {error}"));
            }
        }
    }

    private static void WriteRatios(TextWriter output, IReadOnlyList<PhaseResult> phases)
    {
        var gateway = phases.FirstOrDefault(p => p.Target == "gateway");
        if (gateway is null)
        {
            return;
        }

        if (phases.FirstOrDefault(p => p.Target == "direct driver") is { } direct)
        {
            output.WriteLine(Invariant($"gateway ÷ direct driver, throughput: all {Ratio(gateway.Throughput / direct.Throughput)}×")
                + string.Concat(gateway.Operations.Select(o => Invariant($", {o.Operation} {Ratio(gateway.ThroughputOf(o.Operation) / direct.ThroughputOf(o.Operation))}×"))));
            output.WriteLine("gateway ÷ direct driver, p50 latency:" + string.Join(',', gateway.Operations.Select(o =>
                Invariant($" {o.Operation} {o.P50 / (direct.Operations.FirstOrDefault(d => d.Operation == o.Operation)?.P50 ?? double.NaN):F2}×"))));
        }

        if (phases.FirstOrDefault(p => p.Target == "no-op gRPC") is { } noOp)
        {
            output.WriteLine(Invariant($"gateway ÷ no-op gRPC, throughput: all {Ratio(gateway.Throughput / noOp.Throughput)}×"));
        }
    }

    private static void WriteCpu(TextWriter output, IReadOnlyList<PhaseResult> phases)
    {
        foreach (var phase in phases)
        {
            var tool = PhaseResult.PerCall(phase.ToolCpu, phase.Calls);
            var gateway = PhaseResult.PerCall(phase.GatewayCpu, phase.Calls);
            output.WriteLine(Invariant($"CPU per call, {phase.Target}: load tool (client) {tool:F0} µs") + (double.IsNaN(gateway) ? string.Empty : Invariant($", gateway process {gateway:F0} µs")));
        }

        var direct = phases.FirstOrDefault(p => p.Target == "direct driver");
        var gatewayPhase = phases.FirstOrDefault(p => p.Target == "gateway");
        if (direct is not null && gatewayPhase?.GatewayCpu is not null)
        {
            var ratio = PhaseResult.PerCall(gatewayPhase.GatewayCpu, gatewayPhase.Calls) / PhaseResult.PerCall(direct.ToolCpu, direct.Calls);
            output.WriteLine(Invariant($"gateway CPU per call ÷ direct-driver client CPU per call: {ratio:F2}×"));

            // While the direct driver runs, the gateway serves nothing: what it spends then is its per-second work
            // (GC, heartbeats, jobs), which at a few calls a second would otherwise be counted as per-call cost.
            if (direct.GatewayCpu is { } idle)
            {
                var idlePerSecond = idle / direct.Elapsed.TotalSeconds;
                var net = gatewayPhase.GatewayCpu.Value - (idlePerSecond * gatewayPhase.Elapsed.TotalSeconds);
                output.WriteLine(Invariant(
                    $"gateway CPU per call net of its idle rate ({idlePerSecond.TotalMilliseconds:F1} ms/s while the direct driver ran): {PhaseResult.PerCall(net, gatewayPhase.Calls):F0} µs, {PhaseResult.PerCall(net, gatewayPhase.Calls) / PhaseResult.PerCall(direct.ToolCpu, direct.Calls):F2}× the direct-driver client's"));
            }
        }
    }

    /// <summary>Two decimals, or two significant digits for ratios far below one.</summary>
    private static string Ratio(double ratio) => ratio >= 0.1 || double.IsNaN(ratio)
        ? ratio.ToString("F2", CultureInfo.InvariantCulture)
        : ratio.ToString("G2", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
