using System.Text.RegularExpressions;

namespace ProcessorGateway.Docs.Tests;

/// <summary>docs/promises.md stays true: the tests it names exist, its mechanism files exist, and every promise has an honest status.</summary>
public sealed partial class PromisesMapTests
{
    [Fact]
    public void Every_test_named_in_the_promises_map_exists()
    {
        // The catalog finds this very test, so an empty or broken scan cannot pass for a clean map.
        Assert.Contains(nameof(PromisesMapTests) + "." + nameof(Every_test_named_in_the_promises_map_exists), TestCatalog.Names);
        var named = PromisesMap.Rows().SelectMany(row => row.TestNames.Select(test => (row.Number, Test: test))).ToList();
        Assert.NotEmpty(named);

        var missing = named.Where(n => !TestCatalog.Names.Contains(n.Test)).Select(n => $"  {n.Number}: {n.Test}").ToList();

        Assert.True(missing.Count == 0,
            $"{PromisesMap.RelativePath} names tests that do not exist (no [Fact] or [Theory] method of that name in a class of that name under tests/):\n"
            + string.Join('\n', missing));
    }

    [Fact]
    public void Every_promise_has_one_of_the_three_statuses_a_mechanism_when_the_gateway_keeps_it_and_a_test_when_kept()
    {
        var rows = PromisesMap.Rows();
        Assert.NotEmpty(rows);
        var wrong = new List<string>();
        foreach (var row in rows)
        {
            var status = PromisesMap.StatusOf(row);
            if (status is null)
            {
                wrong.Add($"  {row.Number}: the status '{row.Status}' begins with none of {string.Join(", ", PromisesMap.Statuses)}");
            }
            else if (status != PromisesMap.Kept && row.Status.Length <= status.Length + 1)
            {
                wrong.Add($"  {row.Number}: '{status}' must go on to say what is missing or who keeps the promise");
            }
            else if (status != PromisesMap.Outside && row.MechanismLinks.Count == 0)
            {
                wrong.Add($"  {row.Number}: kept or partly kept, but no mechanism file is linked");
            }
            else if (status == PromisesMap.Kept && row.TestNames.Count == 0)
            {
                wrong.Add($"  {row.Number}: kept, but no test would fail if it broke: name one, or call it partly kept");
            }
        }

        Assert.True(wrong.Count == 0, $"{PromisesMap.RelativePath}:\n" + string.Join('\n', wrong));
    }

    [Fact]
    public void Every_mechanism_path_exists_inside_the_repository()
    {
        var docs = Path.GetDirectoryName(RepositoryRoot.File(PromisesMap.RelativePath))!;
        var links = PromisesMap.Rows().SelectMany(row => row.MechanismLinks.Select(link => (row.Number, Link: link))).ToList();
        Assert.NotEmpty(links);

        var missing = links.Where(l =>
            {
                var path = Path.GetFullPath(Path.Combine(docs, l.Link));
                var inside = !Path.GetRelativePath(RepositoryRoot.Path, path).StartsWith("..", StringComparison.Ordinal);
                return l.Link.Contains("://", StringComparison.Ordinal) || !inside || !(File.Exists(path) || Directory.Exists(path));
            })
            .Select(l => $"  {l.Number}: {l.Link}").ToList();

        Assert.True(missing.Count == 0,
            $"{PromisesMap.RelativePath} links mechanisms that are not files of the repository (paths are relative to docs/):\n" + string.Join('\n', missing));
    }

    [Fact]
    public void The_count_at_the_top_matches_the_rows()
    {
        var rows = PromisesMap.Rows();
        var count = Count().Match(PromisesMap.Text);
        Assert.True(count.Success, $"{PromisesMap.RelativePath} has no line '**Count:** N promises: K kept, P partly kept, O outside the gateway.'");

        int Stated(string group) => int.Parse(count.Groups[group].Value, System.Globalization.CultureInfo.InvariantCulture);
        int Counted(string status) => rows.Count(r => PromisesMap.StatusOf(r) == status);

        Assert.Equal(
            (rows.Count, Counted(PromisesMap.Kept), Counted(PromisesMap.PartlyKept), Counted(PromisesMap.Outside)),
            (Stated("total"), Stated("kept"), Stated("partly"), Stated("outside")));
    }

    [GeneratedRegex(@"\*\*Count:\*\* (?<total>\d+) promises: (?<kept>\d+) kept, (?<partly>\d+) partly kept, (?<outside>\d+) outside the gateway")]
    private static partial Regex Count();
}
