using ProcessorGateway.Core.Audit;

namespace ProcessorGateway.Core.Tests.Audit;

public sealed class RefusalTallyTests
{
    private static RefusalKey From(string source, string reason = RefusalReasons.InvalidToken) =>
        new(source, "RecordService.GetRecord", "Unauthenticated", reason);

    [Fact]
    public void The_first_refusal_of_a_key_is_the_callers_to_write_and_the_rest_are_counted_until_the_drain()
    {
        var tally = new RefusalTally(10);

        var results = Enumerable.Range(0, 100).Select(_ => tally.Count(From("10.0.0.1"))).ToList();

        Assert.True(results[0].First);
        Assert.All(results.Skip(1), r => Assert.False(r.First));
        var due = Assert.Single(tally.Drain());
        Assert.Equal((From("10.0.0.1"), 99L), (due.Key, due.Value));
    }

    [Fact]
    public void Distinct_sources_and_reasons_are_counted_apart()
    {
        var tally = new RefusalTally(10);
        RefusalKey[] keys = [From("10.0.0.1"), From("10.0.0.2"), From("10.0.0.1", RefusalReasons.MissingToken), From("10.0.0.1") with { Action = "TenantService.GetTenant" }];

        foreach (var key in keys)
        {
            Assert.True(tally.Count(key).First);
            Assert.False(tally.Count(key).First);
            Assert.False(tally.Count(key).First);
        }

        Assert.Equal(keys.ToHashSet(), tally.Drain().Select(d => d.Key).ToHashSet());
    }

    [Fact]
    public void A_flood_from_more_sources_than_the_bound_keeps_the_map_bounded_and_counts_every_refusal()
    {
        var tally = new RefusalTally(4);
        long written = 0;

        for (var i = 0; i < 10_000; i++)
        {
            var (key, first) = tally.Count(From($"10.0.{i / 250}.{i % 250}", i % 2 == 0 ? RefusalReasons.InvalidToken : RefusalReasons.MissingToken));
            written += first ? 1 : 0;
            Assert.True(tally.Keys <= 6, $"{tally.Keys} keys after {i + 1} refusals");
            Assert.True(i < 4 || key.Source == RefusalTally.OverflowSource, $"refusal {i} counted under {key.Source}");
        }

        var due = tally.Drain();
        Assert.Equal(10_000, written + due.Sum(d => d.Value));
        Assert.Equal(2, due.Count(d => d.Key.Source == RefusalTally.OverflowSource));
    }

    [Fact]
    public void A_flood_that_goes_on_is_one_event_per_interval_and_a_quiet_key_is_written_at_once_again()
    {
        var tally = new RefusalTally(10);
        Assert.True(tally.Count(From("10.0.0.1")).First);
        tally.Count(From("10.0.0.1"));
        Assert.Single(tally.Drain());

        // Still flooding after the drain: counted, not written at once.
        Assert.False(tally.Count(From("10.0.0.1")).First);
        Assert.Equal(1L, Assert.Single(tally.Drain()).Value);

        // A quiet interval lets the key go.
        Assert.Empty(tally.Drain());
        Assert.Equal(0, tally.Keys);
        Assert.True(tally.Count(From("10.0.0.1")).First);
    }

    [Fact]
    public void Counts_that_could_not_be_written_go_with_the_next_drain_and_a_first_that_could_not_be_written_is_first_again()
    {
        var tally = new RefusalTally(10);
        tally.Count(From("10.0.0.1"));
        tally.Count(From("10.0.0.1"));
        tally.Count(From("10.0.0.1"));
        var due = Assert.Single(tally.Drain());

        tally.Restore(due.Key, due.Value);
        tally.Count(From("10.0.0.1"));

        Assert.Equal(3L, Assert.Single(tally.Drain()).Value);
        Assert.True(tally.Count(From("10.0.0.2")).First);
        tally.Forget(From("10.0.0.2"));
        Assert.True(tally.Count(From("10.0.0.2")).First);
    }
}
