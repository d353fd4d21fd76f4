using System.Globalization;

namespace ProcessorGateway.Load;

/// <summary>
/// The gateway's own counters of MongoDB commands (<c>pg.mongo.*</c>) and metadata-cache look-ups
/// (<c>pg.metadata_cache.*</c>), read from its Prometheus scrape before and after a phase: how many round
/// trips a call costs, to which collection, and how long they take.
/// </summary>
internal static class GatewayMetrics
{
    private static readonly string[] Prefixes = ["pg_mongo_", "pg_metadata_cache_"];

    /// <summary>Every counter series of interest, by its name and labels (OpenTelemetry's scope labels left out).</summary>
    public static async Task<IReadOnlyDictionary<string, double>> ScrapeAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var text = await http.GetStringAsync(url, cancellationToken).ConfigureAwait(false);
        var series = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#') || !Prefixes.Any(p => line.StartsWith(p, StringComparison.Ordinal)))
            {
                continue;
            }

            // name{labels} value [timestamp]
            var close = line.IndexOf('}', StringComparison.Ordinal);
            var nameEnd = close >= 0 ? close + 1 : line.IndexOf(' ', StringComparison.Ordinal);
            var rest = line[nameEnd..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (nameEnd > 0 && rest.Length > 0 && double.TryParse(rest[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                series[Simplify(line[..nameEnd])] = value;
            }
        }

        return series;
    }

    /// <summary>What each series gained between two scrapes.</summary>
    public static IReadOnlyDictionary<string, double> Delta(IReadOnlyDictionary<string, double> before, IReadOnlyDictionary<string, double> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return after.ToDictionary(a => a.Key, a => a.Value - before.GetValueOrDefault(a.Key), StringComparer.Ordinal);
    }

    /// <summary><c>name{a="1",otel_scope_name="x"}</c> → <c>name{a="1"}</c>.</summary>
    private static string Simplify(string series)
    {
        var open = series.IndexOf('{', StringComparison.Ordinal);
        if (open < 0)
        {
            return series;
        }

        var labels = series[(open + 1)..^1].Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith("otel_", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        return $"{series[..open]}{{{string.Join(',', labels)}}}";
    }
}
