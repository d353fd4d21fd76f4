namespace ProcessorGateway.Load;

/// <summary>How one operation fared in one phase. Latencies in milliseconds.</summary>
internal sealed record OperationStats(Operation Operation, long Calls, long Failures, double P50, double P95, double P99)
{
    public static OperationStats From(Operation operation, List<double> latencies, long failures)
    {
        ArgumentNullException.ThrowIfNull(latencies);
        latencies.Sort();
        return new OperationStats(operation, latencies.Count, failures, Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99));
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
