using System.Threading.Channels;
using MongoDB.Driver;
using ProcessorGateway.Core.Audit;
using ProcessorGateway.Core.Errors;

namespace ProcessorGateway.Storage.Mongo.Audit;

/// <summary>
/// Group commit for one chain in this process: one loop takes every event waiting, chains them after
/// the head it knows, and writes them as one block (<see cref="AuditBlockDocument"/>; several in one ordered
/// InsertMany only past a block's size); each waiter is released once its event is durable. The block's
/// <c>_id</c>, the place of its first event, decides between replicas: a duplicate key means another
/// replica appended first, so the writer finds the new head, keeps whichever of its own events were
/// written, and chains the rest after it. No fork, no gap.
/// </summary>
internal sealed class ChainWriter
{
    /// <summary>The longest pause after a lost race; pauses grow to it, with jitter, so two writers stop colliding in step.</summary>
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How many blocks past those it tried to write a writer reads after a lost race to find the new head: a race
    /// is lost to the one or two blocks written since this writer's last.
    /// </summary>
    private const int HeadProbe = 16;

    /// <summary>
    /// A block's size in BSON at most, by <see cref="AuditEventMapper.MaxBytes"/>: well inside MongoDB's 16 MiB
    /// document, so a batch of large events (a bulk upload names every record) is split, never refused.
    /// </summary>
    private const int MaxBlockBytes = 4 * 1024 * 1024;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string _chainId;
    private readonly IMongoCollection<AuditBlockDocument> _collection;
    private readonly AuditOptions _options;
    private readonly Task _loop;
    private (long Sequence, string Hash)? _head;
    private volatile ChainHead? _lastDurable;

    public ChainWriter(string chainId, IMongoCollection<AuditBlockDocument> collection, AuditOptions options, CancellationToken stopping)
    {
        _chainId = chainId;
        _collection = collection;
        _options = options;
        _loop = Task.Run(() => RunAsync(stopping), CancellationToken.None);
    }

    public Task Completion => _loop;

    /// <summary>The highest head this writer wrote or read: durable in the chain, for its checkpoint.</summary>
    public ChainHead? LastDurable => _lastDurable;

    public async Task<ChainedAuditEvent> AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        var pending = new Pending(AuditEventMapper.Storable(entry), new TaskCompletionSource<ChainedAuditEvent>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw DomainErrors.StorageUnavailable(new ObjectDisposedException(nameof(ChainWriter)));
        }

        return await pending.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Complete() => _queue.Writer.TryComplete();

    private async Task RunAsync(CancellationToken stopping)
    {
        var batch = new List<Pending>(_options.MaxBatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                if (_options.GroupCommitWindow > TimeSpan.Zero)
                {
                    await Task.Delay(_options.GroupCommitWindow, stopping).ConfigureAwait(false);
                }

                while (batch.Count < _options.MaxBatchSize && _queue.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                await WriteAsync(batch, stopping).ConfigureAwait(false);
                batch.Clear();
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down: whatever still waits fails below.
        }

        var stopped = DomainErrors.StorageUnavailable(new OperationCanceledException("the audit log is shutting down"));
        foreach (var pending in batch)
        {
            pending.Done.TrySetException(stopped);
        }

        while (_queue.Reader.TryRead(out var left))
        {
            left.Done.TrySetException(stopped);
        }
    }

    private async Task WriteAsync(List<Pending> batch, CancellationToken stopping)
    {
        try
        {
            // Lost races are retried for as long as an outage would be waited for, then the batch fails closed.
            var deadline = DateTime.UtcNow + _options.Timeout;
            var remaining = await TryWriteAsync(batch, stopping).ConfigureAwait(false);
            for (var attempt = 1; remaining.Count > 0; attempt++)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw DomainErrors.StorageUnavailable(new InvalidOperationException($"audit chain {_chainId}: lost {attempt} races in a row"));
                }

                var ceiling = Math.Min(MaxBackoff.TotalMilliseconds, Math.Pow(2, Math.Min(attempt, 6)));
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling), stopping).ConfigureAwait(false);
                remaining = await TryWriteAsync(remaining, stopping).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            // Whether anything reached the server is unknown: the head is read again before the next write.
            _head = null;
            var failure = e as DomainException ?? DomainErrors.StorageUnavailable(e);
            foreach (var pending in batch)
            {
                pending.Done.TrySetException(failure);
            }
        }
    }

    /// <returns>The events still to write: none, or those a competing replica's append displaced.</returns>
    private async Task<List<Pending>> TryWriteAsync(List<Pending> batch, CancellationToken stopping, bool retryAtOnce = true)
    {
        var (sequence, hash) = _head ??= Durable(await ReadHeadAsync(stopping).ConfigureAwait(false));
        var chained = new List<ChainedAuditEvent>(batch.Count);
        foreach (var pending in batch)
        {
            var next = AuditHash.Chain(_chainId, ++sequence, hash, pending.Entry);
            hash = next.Hash;
            chained.Add(next);
        }

        var blocks = Blocks(chained);
        try
        {
            await _collection.InsertManyAsync(blocks, new InsertManyOptions { IsOrdered = true }, stopping).ConfigureAwait(false);
        }
        catch (MongoException e) when (MongoErrors.IsDuplicateKey(e))
        {
            _head = null;
            var remaining = await KeepWrittenAsync(batch, chained[0].Sequence, blocks.Count, stopping).ConfigureAwait(false);
            if (retryAtOnce && remaining.Count > 0 && _head is not null)
            {
                // Straight after the head just found, before anyone moves it again.
                return await TryWriteAsync(remaining, stopping, retryAtOnce: false).ConfigureAwait(false);
            }

            return remaining;
        }

        _head = Durable((sequence, hash));
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Done.TrySetResult(chained[i]);
        }

        return [];
    }

    /// <summary>The chained events in as few blocks as fit: one, unless they pass a block's size.</summary>
    private static List<AuditBlockDocument> Blocks(List<ChainedAuditEvent> chained)
    {
        var blocks = new List<AuditBlockDocument>(1);
        var start = 0;
        var bytes = 0;
        for (var i = 0; i < chained.Count; i++)
        {
            var size = AuditEventMapper.MaxBytes(chained[i].Entry);
            if (i > start && bytes + size > MaxBlockBytes)
            {
                blocks.Add(AuditEventMapper.ToBlock(chained.GetRange(start, i - start)));
                (start, bytes) = (i, 0);
            }

            bytes += size;
        }

        blocks.Add(AuditEventMapper.ToBlock(chained.GetRange(start, chained.Count - start)));
        return blocks;
    }

    /// <summary>
    /// After a lost race: an ordered insert of several blocks may have written the ones before the
    /// duplicate (real MongoDB does; some servers write none). Those events are done, as stored; the rest go
    /// again, in order. The same look-up, the blocks from the place the batch aimed at, finds the new head,
    /// so the retry follows at once: a writer that had to re-read the head with a query sorted from the end
    /// would lose every race to one that appends without pause.
    /// </summary>
    private async Task<List<Pending>> KeepWrittenAsync(List<Pending> batch, long first, int attemptedBlocks, CancellationToken stopping)
    {
        // Every block of the attempt may have been written before the duplicate, and the new head lies past them.
        var limit = attemptedBlocks + HeadProbe;
        var found = await _collection.Find(AuditBlockIds.From(_chainId, first)).SortBy(d => d.Id).Limit(limit)
            .ToListAsync(stopping).ConfigureAwait(false);
        var stored = found.SelectMany(AuditEventMapper.FromBlock).ToList();
        var byEvent = stored.ToDictionary(e => e.Entry.EventId, StringComparer.Ordinal);
        var remaining = new List<Pending>();
        foreach (var pending in batch)
        {
            if (byEvent.TryGetValue(pending.Entry.EventId, out var written))
            {
                pending.Done.TrySetResult(written);
            }
            else
            {
                remaining.Add(pending);
            }
        }

        // The head is the end of the run of blocks that follow each other from the place aimed at. Past the
        // probe, or nothing where the race was lost: read the head the slow way.
        ChainedAuditEvent? head = null;
        foreach (var e in stored)
        {
            if (e.Sequence != (head?.Sequence ?? first - 1) + 1)
            {
                break;
            }

            head = e;
        }

        _head = head is not null && found.Count < limit ? Durable((head.Sequence, head.Hash)) : null;
        return remaining;
    }

    private (long Sequence, string Hash) Durable((long Sequence, string Hash) head)
    {
        if (head.Sequence > (_lastDurable?.Sequence ?? 0))
        {
            _lastDurable = new ChainHead(head.Sequence, head.Hash);
        }

        return head;
    }

    private async Task<(long, string)> ReadHeadAsync(CancellationToken stopping)
    {
        var block = await _collection.Find(AuditBlockIds.From(_chainId, 0)).SortByDescending(d => d.Id).Limit(1)
            .FirstOrDefaultAsync(stopping).ConfigureAwait(false);
        if (block is null)
        {
            return (0, AuditHash.Genesis);
        }

        var head = AuditEventMapper.FromBlock(block).Last();
        return (head.Sequence, head.Hash);
    }

    private sealed record Pending(AuditEntry Entry, TaskCompletionSource<ChainedAuditEvent> Done);
}
