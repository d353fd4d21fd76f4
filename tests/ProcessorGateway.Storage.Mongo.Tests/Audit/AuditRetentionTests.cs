using Microsoft.Extensions.Time.Testing;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Core.Audit;
using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Storage.Mongo.Audit;
using ProcessorGateway.Storage.Mongo.Erasure;

namespace ProcessorGateway.Storage.Mongo.Tests.Audit;

/// <summary>
/// Audit retention on the real store, one fake clock for the events and the pass: five events (a block each) a
/// year and more old, then three recent ones; a pass with a year's retention prunes the five.
/// </summary>
public sealed class AuditRetentionTests(AuditStorage storage) : IClassFixture<AuditStorage>
{
    private const int Old = 5;
    private const int Recent = 3;
    private static readonly TimeSpan Year = TimeSpan.FromDays(365);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Pruning_at_a_boundary_leaves_the_retained_chain_verifying_from_the_prune_point()
    {
        var (tenant, log, events) = await ChainAsync();

        var pruned = await Retention(log).PruneAsync(tenant, Year, 100, CancellationToken.None).Within();
        var verified = await AuditStorage.Reader(log).VerifyAsync(tenant, CancellationToken.None).Within();

        Assert.Equal(new AuditPruneResult(Old, Old, false), pruned);
        Assert.Equal(Recent + 1, await storage.RawBlocks.CountDocumentsAsync(Builders<BsonDocument>.Filter.Eq("c", tenant)).Within());
        Assert.True(verified.Intact, verified.FirstBreak?.Detail);
        Assert.Equal((Old + 1L, Old + Recent + 1L, Recent + 1L), (verified.RetainedFrom, verified.HeadSequence, verified.EventsChecked));
        Assert.NotNull(verified.Pruned);
        Assert.Equal((Old + 0L, events[Old - 1].Hash), (verified.Pruned.Sequence, verified.Pruned.Hash));
        Assert.Contains("audit retention of 365 days", verified.Pruned.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tampering_after_the_prune_point_is_still_caught()
    {
        var (tenant, log, events) = await ChainAsync();
        await Retention(log).PruneAsync(tenant, Year, 100, CancellationToken.None).Within();
        await storage.EditEventAsync(Builders<BsonDocument>.Filter.Eq("_id", AuditBlockIds.Of(tenant, Old + 2)), 0, e => e.Set("actor", "someone-else"));

        var found = (await AuditStorage.Reader(log).VerifyAsync(tenant, CancellationToken.None).Within()).FirstBreak;

        Assert.NotNull(found);
        Assert.Equal((ChainBreakKind.Edited, Old + 2L, events[Old + 1].Entry.EventId), (found.Kind, found.Sequence, found.EventId));
    }

    [Fact]
    public async Task Deleting_the_first_retained_block_is_caught_as_missing_after_the_prune_point()
    {
        var (tenant, log, _) = await ChainAsync();
        await Retention(log).PruneAsync(tenant, Year, 100, CancellationToken.None).Within();
        await storage.RawBlocks.DeleteOneAsync(Builders<BsonDocument>.Filter.Eq("_id", AuditBlockIds.Of(tenant, Old + 1))).Within();

        var found = (await AuditStorage.Reader(log).VerifyAsync(tenant, CancellationToken.None).Within()).FirstBreak;

        Assert.NotNull(found);
        Assert.Equal((ChainBreakKind.Missing, Old + 1L), (found.Kind, found.Sequence));
    }

    [Fact]
    public async Task A_block_naming_a_held_subject_is_kept_with_every_block_after_it()
    {
        var (tenant, log, _) = await ChainAsync(heldAt: 3);
        await new MongoErasurePolicyStore(storage.Context()).InsertHoldAsync(
            new LegalHold(Guid.NewGuid().ToString("N"), tenant, "subj-held", null, "litigation", _clock.GetUtcNow(), "dpo", null), CancellationToken.None).Within();

        var pruned = await Retention(log).PruneAsync(tenant, Year, 100, CancellationToken.None).Within();
        var verified = await AuditStorage.Reader(log).VerifyAsync(tenant, CancellationToken.None).Within();

        Assert.Equal(new AuditPruneResult(2, 2, true), pruned);
        Assert.True(verified.Intact, verified.FirstBreak?.Detail);
        Assert.Equal(3L, verified.RetainedFrom);
        Assert.Equal(1, await storage.RawBlocks.CountDocumentsAsync(Builders<BsonDocument>.Filter.Eq("_id", AuditBlockIds.Of(tenant, 3))).Within());
    }

    [Fact]
    public async Task Pruning_is_recorded_on_the_tenants_chain_and_a_second_pass_prunes_and_records_nothing()
    {
        var (tenant, log, _) = await ChainAsync();
        var retention = Retention(log);
        await retention.PruneAsync(tenant, Year, 100, CancellationToken.None).Within();

        var again = await retention.PruneAsync(tenant, Year, 100, CancellationToken.None).Within();
        var page = await AuditStorage.QueryAsync(log, tenant, actor: $"job:{AuditRetention.Job}");

        Assert.Equal(new AuditPruneResult(0, 0, false), again);
        var recorded = Assert.Single(page.Events);
        Assert.Equal((Old + Recent + 1L, $"job.{AuditRetention.Job}", $"audit:1-{Old}"), (recorded.Sequence, recorded.Entry.Action, recorded.Entry.RecordIds.Single()));
    }

    [Fact]
    public async Task A_pass_bounded_to_fewer_blocks_prunes_the_rest_at_the_next()
    {
        var (tenant, log, _) = await ChainAsync();
        var retention = Retention(log);

        var first = await retention.PruneAsync(tenant, Year, 2, CancellationToken.None).Within();
        var second = await retention.PruneAsync(tenant, Year, 100, CancellationToken.None).Within();
        var verified = await AuditStorage.Reader(log).VerifyAsync(tenant, CancellationToken.None).Within();

        Assert.Equal((2L, Old - 2L), (first.Blocks, second.Blocks));
        Assert.True(verified.Intact, verified.FirstBreak?.Detail);
        Assert.Equal(Old + 1L, verified.RetainedFrom);
    }

    [Fact]
    public async Task Blocks_a_stopped_pass_left_behind_its_recorded_point_are_skipped_by_verify()
    {
        var (tenant, log, events) = await ChainAsync();
        var point = new AuditPrunePoint(tenant, Old, events[Old - 1].Hash, _clock.GetUtcNow(), "test");
        await storage.Store().PrunePointCollection.InsertOneAsync(new AuditPrunePointDocument
        {
            Id = tenant, Sequence = point.Sequence, Hash = point.Hash, PrunedAt = point.PrunedAt.UtcDateTime, Reason = point.Reason,
        }).Within();

        var verified = await AuditStorage.Reader(log).VerifyAsync(tenant, CancellationToken.None).Within();
        var deleted = await new MongoAuditPruning(storage.Store()).PruneAsync(point, CancellationToken.None).Within();

        Assert.True(verified.Intact, verified.FirstBreak?.Detail);
        Assert.Equal((Old + 1L, (long)Recent), (verified.RetainedFrom, verified.EventsChecked));
        Assert.Equal(Old, deleted);
    }

    private AuditRetention Retention(IAuditLog log) => new(
        log, new MongoAuditPruning(storage.Store()), new MongoErasurePolicyStore(storage.Context()), new AuditSubjects(NoSubjectKeys.Instance), _clock);

    /// <summary>Old events 400 days back, recent ones a day back, each appended alone (a block each); <paramref name="heldAt"/> names the held subject.</summary>
    private async Task<(string Tenant, IAuditLog Log, List<ChainedAuditEvent> Events)> ChainAsync(int? heldAt = null)
    {
        var tenant = $"t{Guid.NewGuid():N}";
        var log = await storage.NewStartedReplicaAsync();
        var events = new List<ChainedAuditEvent>();
        for (var i = 1; i <= Old + Recent; i++)
        {
            var at = _clock.GetUtcNow() + (i <= Old ? TimeSpan.Zero : TimeSpan.FromDays(399));
            var entry = AuditStorage.Entry(tenant, subject: i == heldAt ? "subj-held" : null) with { Time = at };
            events.Add(await log.AppendAsync(entry, CancellationToken.None).Within());
        }

        _clock.Advance(TimeSpan.FromDays(400));
        return (tenant, log, events);
    }
}
