using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using ProcessorGateway.Core.Telemetry;
using ProcessorGateway.Testing;
using YamlDotNet.RepresentationModel;

namespace ProcessorGateway.Deployment.Tests;

/// <summary>
/// The alert rules and the dashboard of <c>k8s/components/monitoring</c>, as the prod overlay renders them, against a
/// running gateway: every metric they name is one the gateway exports (or a recording rule of the file, or
/// kube-state-metrics'), every label they select or group by is on that metric's series where the gateway has written
/// one, and every alert has a severity, a summary and a runbook that exists.
/// </summary>
public sealed partial class MonitoringTests(MetricsGatewayFixture gateway) : IClassFixture<MetricsGatewayFixture>
{
    // From outside the gateway: kube-state-metrics.
    private static readonly HashSet<string> External = new(StringComparer.Ordinal) { "kube_pod_container_status_restarts_total" };

    // Labels Prometheus adds to every series from the scrape target, not the gateway's to carry.
    private static readonly HashSet<string> TargetLabels = new(StringComparer.Ordinal) { "pod", "namespace", "instance", "job", "service", "container", "endpoint" };

    private static readonly HashSet<string> PromQlWords = new(StringComparer.Ordinal)
    {
        "by", "without", "and", "or", "unless", "on", "ignoring", "group_left", "group_right", "bool", "offset",
    };

    private static readonly Lazy<HashSet<string>> Catalogue = new(InstrumentNames);

    private static readonly Lazy<List<YamlMappingNode>> Rules = new(() =>
        RenderedManifests.Render("prod").Single("PrometheusRule").Items("spec.groups").SelectMany(g => g.Items("rules")).ToList());

    [Fact]
    public void Every_alert_has_a_severity_a_summary_and_a_runbook_that_exists()
    {
        var runbooks = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "docs", "runbooks.md"))
            .Where(l => l.StartsWith("## ", StringComparison.Ordinal))
            .Select(l => Slug(l[3..]))
            .ToHashSet(StringComparer.Ordinal);
        var alerts = Rules.Value.Where(r => r.Has("alert")).ToList();
        Assert.True(alerts.Count >= 10, $"only {alerts.Count} alerts");
        Assert.All(alerts, alert =>
        {
            Assert.Contains(alert.Text("labels.severity"), new[] { "critical", "warning" });
            Assert.False(string.IsNullOrWhiteSpace(alert.Text("annotations.summary")), alert.Text("alert"));
            var runbook = alert.Text("annotations.runbook_url") ?? string.Empty;
            Assert.StartsWith("docs/runbooks.md#", runbook, StringComparison.Ordinal);
            Assert.Contains(runbook["docs/runbooks.md#".Length..], runbooks);
        });
    }

    [Fact]
    public void Every_metric_a_rule_names_is_exported_by_the_gateway_with_the_labels_the_rule_uses()
    {
        foreach (var rule in Rules.Value)
        {
            AssertExported(rule.Text("alert") ?? rule.Text("record")!, rule.Text("expr")!);
        }
    }

    [Fact]
    public void Every_metric_the_dashboard_charts_is_exported_by_the_gateway_with_the_labels_it_uses()
    {
        var map = RenderedManifests.Render("prod").Named("ConfigMap", "processorgateway-dashboard-");
        Assert.Equal("1", map.Key("metadata.labels", "grafana_dashboard"));
        using var dashboard = JsonDocument.Parse(map.Key("data", "processorgateway-dashboard.json")!);
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().ToList();
        Assert.True(panels.Count >= 10, $"only {panels.Count} panels");
        foreach (var panel in panels)
        {
            var targets = panel.GetProperty("targets").EnumerateArray().ToList();
            Assert.NotEmpty(targets);
            foreach (var target in targets)
            {
                AssertExported(panel.GetProperty("title").GetString()!, target.GetProperty("expr").GetString()!);
            }
        }
    }

    private void AssertExported(string source, string expression)
    {
        var recorded = Rules.Value.Where(r => r.Has("record")).Select(r => r.Text("record")!).ToHashSet(StringComparer.Ordinal);
        var scraped = Series(gateway.Scrape);
        foreach (var (metric, labels) in Selectors(expression))
        {
            var known = recorded.Contains(metric) || External.Contains(metric) || scraped.ContainsKey(metric) || Catalogue.Value.Contains(metric);
            Assert.True(known, $"{source}: the gateway exports no metric '{metric}'");
            if (scraped.TryGetValue(metric, out var present))
            {
                Assert.All(labels, label => Assert.True(present.Contains(label), $"{source}: {metric} has no label '{label}' (it has {string.Join(", ", present)})"));
            }
        }
    }

    /// <summary>Each metric name of an expression, with the labels it is selected on and the rule groups it by.</summary>
    private static IEnumerable<(string Metric, IReadOnlyList<string> Labels)> Selectors(string expression)
    {
        var grouping = Grouping().Matches(expression).SelectMany(m => m.Groups["labels"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        var bare = Grouping().Replace(Strings().Replace(Ranges().Replace(expression, " "), "\"\""), " ");
        foreach (Match match in Selector().Matches(bare))
        {
            var name = match.Groups["name"].Value;
            if (PromQlWords.Contains(name) || match.Groups["call"].Success)
            {
                continue;
            }

            var selected = Matchers().Matches(match.Groups["matchers"].Value).Select(m => m.Groups["label"].Value);
            // A grouping label must be on the series summed; "le" only on a histogram's buckets.
            var grouped = grouping.Where(l => !TargetLabels.Contains(l) && (l != "le" || name.EndsWith("_bucket", StringComparison.Ordinal)));
            yield return (name, selected.Concat(name.Contains(':', StringComparison.Ordinal) ? [] : grouped).Distinct().ToList());
        }
    }

    /// <summary>Every series name in a scrape, with the label names its samples carry.</summary>
    private static Dictionary<string, HashSet<string>> Series(string scrape)
    {
        var series = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var line in scrape.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var match = Sample().Match(line);
            if (!match.Success)
            {
                continue;
            }

            var labels = series.TryGetValue(match.Groups["name"].Value, out var known) ? known : series[match.Groups["name"].Value] = new(StringComparer.Ordinal);
            labels.UnionWith(Matchers().Matches(match.Groups["labels"].Value).Select(m => m.Groups["label"].Value));
        }

        return series;
    }

    /// <summary>
    /// The Prometheus names of every instrument of the gateway's meter, whether or not it has recorded anything yet
    /// (a counter of given-up notifications has no series until one is given up): static instruments are created
    /// by running their classes' initialisers, and the exporter's naming applied (unit suffix, _total, _bucket).
    /// </summary>
    private static HashSet<string> InstrumentNames()
    {
        foreach (var assembly in new[] { typeof(GatewayMeter).Assembly, typeof(Server.Telemetry.MetricsOptions).Assembly, typeof(Storage.Mongo.MongoStorageOptions).Assembly })
        {
            foreach (var type in assembly.GetTypes().Where(t => !t.ContainsGenericParameters
                && t.GetFields(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public).Any(f => typeof(Instrument).IsAssignableFrom(f.FieldType))))
            {
                RuntimeHelpers.RunClassConstructor(type.TypeHandle);
            }
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == GatewayMeter.Name)
                {
                    names.UnionWith(PrometheusNames(instrument));
                }
            },
        };
        listener.Start();
        return names;
    }

    private static IEnumerable<string> PrometheusNames(Instrument instrument)
    {
        var unit = instrument.Unit switch
        {
            "s" => "_seconds",
            "ms" => "_milliseconds",
            "By" => "_bytes",
            _ => string.Empty,
        };
        var name = instrument.Name.Replace('.', '_') + unit;
        var kind = instrument.GetType().GetGenericTypeDefinition();
        if (kind == typeof(Histogram<>))
        {
            return [name + "_bucket", name + "_sum", name + "_count"];
        }

        return kind == typeof(Counter<>) || kind == typeof(ObservableCounter<>) ? [name + "_total"] : [name];
    }

    // GitHub's heading anchors: lower case, spaces to hyphens, punctuation dropped.
    private static string Slug(string heading) => NotSlug().Replace(heading.Trim().ToLowerInvariant().Replace(' ', '-'), string.Empty);

    [GeneratedRegex(@"(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\s*(?<call>\()?(\{(?<matchers>[^}]*)\})?")]
    private static partial Regex Selector();

    [GeneratedRegex(@"(?<label>[a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*""[^""]*""")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\b(by|without)\s*\((?<labels>[^)]*)\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"(?<!=~|=|!=|!~)\s*""[^""]*""")]
    private static partial Regex Strings();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s")]
    private static partial Regex Sample();

    [GeneratedRegex("[^a-z0-9_-]")]
    private static partial Regex NotSlug();
}
