using System.Globalization;

namespace ProcessorGateway.Load;

/// <summary>
/// Where a gateway call's storage time goes: its MongoDB round trips per call and their time per call, by
/// command and collection, from the gateway's own counters; and the metadata cache's hit rate. The other
/// phases show what the gateway's background jobs send while no call reaches it.
/// </summary>
internal static class BreakdownReport
{
    private const string Commands = "pg_mongo_commands";
    private const string Seconds = "pg_mongo_command_duration_seconds_sum";

    public static void Write(TextWriter output, IReadOnlyList<PhaseResult> phases)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(phases);
        foreach (var phase in phases.Where(p => p.GatewayCounters is not null))
        {
            var counters = phase.GatewayCounters!;
            var perCall = phase.Target == "gateway" && phase.Calls > 0;
            var divisor = perCall ? phase.Calls : phase.Elapsed.TotalSeconds;
            var unit = perCall ? "per call" : "per second, background";
            var rows = counters.Where(c => c.Key.StartsWith(Commands, StringComparison.Ordinal) && c.Value > 0)
                .Select(c => (Labels: Labels(c.Key), Count: c.Value))
                .Select(r => (r.Labels, r.Count, Ms: 1000 * counters.Where(t => t.Key.StartsWith(Seconds, StringComparison.Ordinal) && Labels(t.Key) == r.Labels).Sum(t => t.Value)))
                .OrderByDescending(r => r.Count)
                .ToList();
            output.WriteLine();
            output.WriteLine(Invariant($"gateway MongoDB commands during {phase.Target}, {unit}: {rows.Sum(r => r.Count) / divisor:F2} round trips, {rows.Sum(r => r.Ms) / divisor:F1} ms"));
            foreach (var (labels, count, ms) in rows)
            {
                output.WriteLine(Invariant($"  {labels,-48} {count / divisor,7:F2} round trips {ms / divisor,9:F1} ms"));
            }

            var hits = counters.Where(c => c.Key.StartsWith("pg_metadata_cache_hits", StringComparison.Ordinal)).Sum(c => c.Value);
            var misses = counters.Where(c => c.Key.StartsWith("pg_metadata_cache_misses", StringComparison.Ordinal)).Sum(c => c.Value);
            if (perCall && hits + misses > 0)
            {
                output.WriteLine(Invariant($"  metadata cache: {hits / divisor:F2} hits and {misses / divisor:F2} misses per call"));
            }
        }
    }

    /// <summary><c>name{collection="x",command="y"}</c> → <c>y x</c>.</summary>
    private static string Labels(string series)
    {
        var open = series.IndexOf('{', StringComparison.Ordinal);
        if (open < 0)
        {
            return "-";
        }

        var labels = series[(open + 1)..^1].Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('=', 2))
            .ToDictionary(l => l[0], l => l.Length > 1 ? l[1].Trim('"') : string.Empty, StringComparer.Ordinal);
        return $"{labels.GetValueOrDefault("command", "?")} {labels.GetValueOrDefault("collection", "?")}";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
