namespace ProcessorGateway.Load;

/// <summary>One target's run: per-operation figures, wall time, and CPU spent by the tool and the gateway.</summary>
internal sealed record PhaseResult(
    string Target, TimeSpan Elapsed, IReadOnlyList<OperationStats> Operations, TimeSpan ToolCpu, TimeSpan? GatewayCpu, IReadOnlyDictionary<string, long> Errors,
    IReadOnlyDictionary<string, double>? GatewayCounters = null)
{
    public long Calls => Operations.Sum(o => o.Calls);

    public long Failures => Operations.Sum(o => o.Failures);

    public double Throughput => Calls / Elapsed.TotalSeconds;

    public double ThroughputOf(Operation operation) =>
        Operations.FirstOrDefault(o => o.Operation == operation) is { } stats ? stats.Calls / Elapsed.TotalSeconds : double.NaN;

    /// <summary>Microseconds of CPU per successful call, or NaN when not measured.</summary>
    public static double PerCall(TimeSpan? cpu, long calls) => cpu is { } spent && calls > 0 ? spent.TotalMicroseconds / calls : double.NaN;
}
