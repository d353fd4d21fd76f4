using Microsoft.Extensions.Logging.Abstractions;
using ProcessorGateway.Core.Audit;
using ProcessorGateway.Storage.Mongo.Audit;

namespace ProcessorGateway.Storage.Mongo.Tests.Audit;

public sealed class AuditAppendTests(AuditStorage storage) : IClassFixture<AuditStorage>
{
    [Fact]
    public async Task Concurrent_appends_from_two_replicas_make_one_chain_without_forks_or_gaps()
    {
        const int PerReplica = 150;
        var tenant = $"conc-{Guid.NewGuid():N}"[..16];
        var a = storage.NewReplica();
        var b = storage.NewReplica(maxBatchSize: 7);

        var appended = await Task.WhenAll(Enumerable.Range(0, PerReplica * 2).Select(i => Task.Run(() =>
            (i % 2 == 0 ? a : b).AppendAsync(AuditStorage.Entry(tenant, actor: $"client-{i}"), CancellationToken.None)))).Within();

        Assert.Equal(Enumerable.Range(1, PerReplica * 2).Select(i => (long)i), appended.Select(e => e.Sequence).Order());
        var verified = await AuditChainVerifier.VerifyAsync(tenant, a.ReadChainAsync(tenant, CancellationToken.None), CancellationToken.None).Within();
        Assert.True(verified.Intact, verified.FirstBreak?.Detail);
        Assert.Equal(PerReplica * 2, verified.EventsChecked);
    }

    [Fact]
    public async Task A_replica_appending_now_and_then_is_not_starved_by_one_appending_without_pause()
    {
        var tenant = $"hot-{Guid.NewGuid():N}"[..16];
        var busy = storage.NewReplica();
        var quiet = storage.NewReplica();
        using var stop = new CancellationTokenSource();
        var hammering = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await busy.AppendAsync(AuditStorage.Entry(tenant, actor: "busy"), CancellationToken.None);
            }
        });

        for (var i = 0; i < 5; i++)
        {
            await Task.Delay(20);
            await quiet.AppendAsync(AuditStorage.Entry(tenant, actor: "quiet"), CancellationToken.None).Within();
        }

        await stop.CancelAsync();
        await hammering.Within();
        var verified = await AuditChainVerifier.VerifyAsync(tenant, quiet.ReadChainAsync(tenant, CancellationToken.None), CancellationToken.None).Within();
        Assert.True(verified.Intact, verified.FirstBreak?.Detail);
    }

    [Fact]
    public async Task The_checkpoint_follows_the_highest_head_any_replica_wrote_and_never_moves_back()
    {
        var tenant = $"ckpt-{Guid.NewGuid():N}"[..16];
        var first = storage.NewReplica();
        var second = storage.NewReplica();
        for (var i = 0; i < 3; i++)
        {
            await first.AppendAsync(AuditStorage.Entry(tenant), CancellationToken.None).Within();
        }

        await ((MongoAuditLog)first).CheckpointNowAsync(CancellationToken.None).Within();
        ChainedAuditEvent last = null!;
        for (var i = 0; i < 3; i++)
        {
            last = await second.AppendAsync(AuditStorage.Entry(tenant), CancellationToken.None).Within();
        }

        await ((MongoAuditLog)second).CheckpointNowAsync(CancellationToken.None).Within();
        var stale = new AuditCheckpointWriter(storage.Store().CheckpointCollection, TimeProvider.System, NullLogger.Instance);
        await stale.WriteAsync([(tenant, new ChainHead(3, AuditHash.Genesis))], CancellationToken.None).Within();

        var checkpoint = await first.LatestCheckpointAsync(tenant, CancellationToken.None).Within();
        Assert.Equal((6L, last.Hash), (checkpoint!.Sequence, checkpoint.Hash));
    }

    [Fact]
    public async Task An_appended_event_reads_back_exactly_as_hashed()
    {
        var tenant = $"read-{Guid.NewGuid():N}"[..16];
        var log = storage.NewReplica();
        var written = await log.AppendAsync(AuditStorage.Entry(tenant, record: "rec-1", subject: "subj-1"), CancellationToken.None).Within();

        var read = await ToListAsync(log.ReadChainAsync(tenant, CancellationToken.None));

        var stored = Assert.Single(read);
        Assert.Equal(written, stored with { Entry = stored.Entry with { RecordIds = written.Entry.RecordIds, SubjectIds = written.Entry.SubjectIds, Fields = written.Entry.Fields } });
        Assert.Equal(written.Hash, AuditHash.Compute(tenant, 1, AuditHash.Genesis, stored.Entry));
    }

    [Fact]
    public async Task Query_filters_by_subject_record_actor_and_purpose_and_pages_in_sequence_order()
    {
        var tenant = $"query-{Guid.NewGuid():N}"[..16];
        var log = storage.NewReplica();
        for (var i = 0; i < 12; i++)
        {
            await log.AppendAsync(AuditStorage.Entry(tenant, actor: i % 3 == 0 ? "auditor" : "app", record: $"rec-{i % 4}", subject: i % 2 == 0 ? "subj-even" : "subj-odd"),
                CancellationToken.None).Within();
        }

        var first = await AuditStorage.QueryAsync(log, tenant, subject: "subj-even", pageSize: 4);
        var second = await AuditStorage.QueryAsync(log, tenant, subject: "subj-even", pageSize: 4, after: first.NextAfterSequence);
        Assert.Equal([1L, 3, 5, 7], first.Events.Select(e => e.Sequence));
        Assert.Equal([9L, 11], second.Events.Select(e => e.Sequence));
        Assert.Null(second.NextAfterSequence);

        var byRecordAndActor = await AuditStorage.QueryAsync(log, tenant, record: "rec-0", actor: "auditor", purpose: "attendance");
        // Events 0, 3, 6, 9 are the auditor's; of those only event 0 touched rec-0.
        Assert.Equal([1L], byRecordAndActor.Events.Select(e => e.Sequence));

        var none = await AuditStorage.QueryAsync(log, tenant, from: DateTimeOffset.UtcNow.AddDays(1));
        Assert.Empty(none.Events);
    }

    [Fact]
    public async Task Subject_access_history_lists_every_event_that_touched_the_subject()
    {
        var tenant = $"hist-{Guid.NewGuid():N}"[..16];
        var log = storage.NewReplica();
        await log.AppendAsync(AuditStorage.Entry(tenant, subject: "subj-a"), CancellationToken.None).Within();
        await log.AppendAsync(AuditStorage.Entry(tenant, subject: "subj-b"), CancellationToken.None).Within();
        await log.AppendAsync(AuditStorage.Entry(tenant, subject: "subj-a"), CancellationToken.None).Within();

        var history = await ToListAsync(AuditStorage.Reader(log).SubjectAccessHistoryAsync(tenant, "subj-a", CancellationToken.None));

        Assert.Equal([1L, 3], history.Select(e => e.Sequence));
    }

    internal static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items.ConfigureAwait(false))
        {
            list.Add(item);
        }

        return list;
    }
}
