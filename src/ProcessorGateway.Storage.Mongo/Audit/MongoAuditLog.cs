using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MongoDB.Driver;
using ProcessorGateway.Core.Audit;

namespace ProcessorGateway.Storage.Mongo.Audit;

/// <summary>
/// The audit log in MongoDB: one writer per chain in this process, group-committing its appends, and a
/// loop that moves each chain's checkpoint up to the head it reached.
/// </summary>
internal sealed class MongoAuditLog : IAuditLog, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<ChainWriter>> _writers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly AuditStore _store;
    private readonly IOptions<AuditOptions> _options;
    private readonly AuditCheckpointWriter _checkpoints;

    public MongoAuditLog(AuditStore store, IOptions<AuditOptions> options, ILogger<MongoAuditLog>? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _options = options;
        _checkpoints = new AuditCheckpointWriter(store.CheckpointCollection, time ?? TimeProvider.System, logger ?? NullLogger<MongoAuditLog>.Instance);
        _ = Task.Run(() => _checkpoints.RunAsync(Heads, options.Value.CheckpointInterval, _stopping.Token), CancellationToken.None);
    }

    public Task<ChainedAuditEvent> AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var writer = _writers.GetOrAdd(entry.ChainId, chain => new Lazy<ChainWriter>(() =>
            new ChainWriter(chain, _store.Collection, _options.Value, _stopping.Token))).Value;
        return writer.AppendAsync(entry, cancellationToken);
    }

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return MongoErrors.GuardAsync(async () =>
        {
            // One more than a page says whether another follows.
            var found = new List<ChainedAuditEvent>(Math.Min(query.PageSize + 1, 1024));
            using var cursor = await _store.Collection.Find(AuditBlockQuery.Blocks(query)).SortBy(d => d.Id)
                .ToCursorAsync(cancellationToken).ConfigureAwait(false);
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

    /// <summary>Moves every checkpoint up to its head now, without waiting for the interval.</summary>
    internal Task CheckpointNowAsync(CancellationToken cancellationToken) => _checkpoints.WriteAsync(Heads(), cancellationToken);

    private IEnumerable<(string ChainId, ChainHead Head)> Heads() =>
        _writers.Where(w => w.Value.IsValueCreated && w.Value.Value.LastDurable is not null).Select(w => (w.Key, w.Value.Value.LastDurable!));

    public void Dispose()
    {
        _stopping.Cancel();
        foreach (var writer in _writers.Values.Where(w => w.IsValueCreated))
        {
            writer.Value.Complete();
        }

        _stopping.Dispose();
    }
}
