using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MongoDB.Driver;
using ProcessorGateway.Core.Audit;
using ProcessorGateway.Core.Errors;

namespace ProcessorGateway.Storage.Mongo.Audit;

/// <summary>
/// The audit log in MongoDB: one writer per chain in this process, group-committing its appends, and a
/// loop that moves each chain's checkpoint up to the head it reached. No append reads a chain's head before
/// this process has carried every event from before blocks over (<see cref="LegacyAuditEventMigration"/>):
/// whatever writes first at start-up (a start-up job, a background job), it appends after the old events,
/// never beside them.
/// </summary>
internal sealed class MongoAuditLog : IAuditLog, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<ChainWriter>> _writers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    // Taken once: the source's Token property throws once it is disposed, the token itself stays usable.
    private readonly CancellationToken _stoppingToken;
    private readonly AuditStore _store;
    private readonly IOptions<AuditOptions> _options;
    private readonly AuditCheckpointWriter _checkpoints;
    private readonly Lock _migrationLock = new();
    private Task<long>? _migration;
    private int _disposed;

    public MongoAuditLog(AuditStore store, IOptions<AuditOptions> options, ILogger<MongoAuditLog>? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _options = options;
        _stoppingToken = _stopping.Token;
        _checkpoints = new AuditCheckpointWriter(store.CheckpointCollection, time ?? TimeProvider.System, logger ?? NullLogger<MongoAuditLog>.Instance);
        _ = Task.Run(() => _checkpoints.RunAsync(Heads, options.Value.CheckpointInterval, _stoppingToken), CancellationToken.None);
    }

    public Task<ChainedAuditEvent> AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (Volatile.Read(ref _disposed) == 1)
        {
            // Shutting down (a job that outlived the host's stop): fails closed, as a stopped writer does.
            return Task.FromException<ChainedAuditEvent>(DomainErrors.StorageUnavailable(new ObjectDisposedException(nameof(MongoAuditLog))));
        }

        // Once the copy is done, an append takes no lock: this runs for every audited call.
        var migration = Volatile.Read(ref _migration) is { IsCompletedSuccessfully: true } done ? done : MigrateLegacyEventsAsync();
        return migration.IsCompletedSuccessfully ? Append(entry, cancellationToken) : AppendAfterAsync(migration, entry, cancellationToken);
    }

    /// <summary>
    /// Copies the events from before blocks, once per process; the start-up runs it before the gateway serves,
    /// and the first append waits for it. A failed run (an outage, a clash) is tried again by the next caller.
    /// </summary>
    internal Task<long> MigrateLegacyEventsAsync()
    {
        lock (_migrationLock)
        {
            if (_migration is null || _migration.IsFaulted || _migration.IsCanceled)
            {
                _migration = LegacyAuditEventMigration.RunAsync(_store, _stoppingToken);
            }

            return _migration;
        }
    }

    private async Task<ChainedAuditEvent> AppendAfterAsync(Task<long> migration, AuditEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await migration.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Fails closed, as when the event itself cannot be written.
            throw DomainErrors.StorageUnavailable(e);
        }

        return await Append(entry, cancellationToken).ConfigureAwait(false);
    }

    private Task<ChainedAuditEvent> Append(AuditEntry entry, CancellationToken cancellationToken)
    {
        var writer = _writers.GetOrAdd(entry.ChainId, chain => new Lazy<ChainWriter>(() =>
            new ChainWriter(chain, _store.Collection, _options.Value, _stoppingToken))).Value;
        return writer.AppendAsync(entry, cancellationToken);
    }

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return MongoErrors.GuardAsync(async () =>
        {
            var matching = AuditBlockQuery.Blocks(query);
            var after = query.AfterSequence;

            // One more than a page says whether another follows.
            var found = new List<ChainedAuditEvent>(Math.Min(query.PageSize + 1, 1024));
            if (after > 0)
            {
                // The place after the page's start may lie inside a block that starts at or before it: the last such block.
                var holding = await _store.Collection.Find(matching & AuditBlockIds.UpTo(query.ChainId, after)).SortByDescending(d => d.Id).Limit(1)
                    .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
                found.AddRange(holding is null ? [] : AuditEventMapper.FromBlock(holding).Where(e => AuditBlockQuery.Matches(query, e)));
            }

            using var cursor = await _store.Collection.Find(matching & AuditBlockIds.From(query.ChainId, after + 1), new FindOptions { BatchSize = query.PageSize + 1 })
                .SortBy(d => d.Id).ToCursorAsync(cancellationToken).ConfigureAwait(false);
            while (found.Count <= query.PageSize && await cursor.MoveNextAsync(cancellationToken).ConfigureAwait(false))
            {
                found.AddRange(cursor.Current.SelectMany(AuditEventMapper.FromBlock).Where(e => AuditBlockQuery.Matches(query, e)));
            }

            var page = found.Take(query.PageSize).ToList();
            return new AuditPage(page, found.Count > query.PageSize ? page[^1].Sequence : null);
        });
    }

    public async IAsyncEnumerable<ChainedAuditEvent> ReadChainAsync(string chainId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var cursor = await MongoErrors.GuardAsync(() => _store.Collection.Find(AuditBlockIds.From(chainId, 0))
            .SortBy(d => d.Id).ToCursorAsync(cancellationToken)).ConfigureAwait(false);
        while (await MongoErrors.GuardAsync(() => cursor.MoveNextAsync(cancellationToken)).ConfigureAwait(false))
        {
            foreach (var chained in cursor.Current.SelectMany(AuditEventMapper.FromBlock))
            {
                yield return chained;
            }
        }
    }

    public Task<AuditCheckpoint?> LatestCheckpointAsync(string chainId, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(() => _checkpoints.ReadAsync(chainId, cancellationToken));

    public Task<AuditPrunePoint?> PrunePointAsync(string chainId, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(() => MongoAuditPruning.ReadAsync(_store, chainId, cancellationToken));

    /// <summary>Moves every checkpoint up to its head now, without waiting for the interval.</summary>
    internal Task CheckpointNowAsync(CancellationToken cancellationToken) => _checkpoints.WriteAsync(Heads(), cancellationToken);

    private IEnumerable<(string ChainId, ChainHead Head)> Heads() =>
        _writers.Where(w => w.Value.IsValueCreated && w.Value.Value.LastDurable is not null).Select(w => (w.Key, w.Value.Value.LastDurable!));

    /// <remarks>Once: the container disposes it under both its registrations.</remarks>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stopping.Cancel();
        foreach (var writer in _writers.Values.Where(w => w.IsValueCreated))
        {
            writer.Value.Complete();
        }

        _stopping.Dispose();
    }
}
