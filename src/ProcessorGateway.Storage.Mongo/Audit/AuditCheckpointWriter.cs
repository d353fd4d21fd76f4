using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using MongoDB.Driver;
using ProcessorGateway.Core.Audit;

namespace ProcessorGateway.Storage.Mongo.Audit;

/// <summary>
/// Every interval, moves each chain's checkpoint up to the head this process last wrote or saw. The
/// filter only matches a lower checkpoint, so replicas never move it back; when another replica is
/// ahead, the upsert's insert is a duplicate key, which means there is nothing to do. A failure only
/// delays the checkpoint: the events themselves were durable before their calls went on.
/// </summary>
internal sealed class AuditCheckpointWriter(IMongoCollection<AuditCheckpointDocument> checkpoints, TimeProvider time, ILogger logger)
{
    private readonly ConcurrentDictionary<string, long> _written = new(StringComparer.Ordinal);

    public async Task RunAsync(Func<IEnumerable<(string ChainId, ChainHead Head)>> heads, TimeSpan interval, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                await WriteAsync(heads(), stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    public async Task WriteAsync(IEnumerable<(string ChainId, ChainHead Head)> heads, CancellationToken cancellationToken)
    {
        foreach (var (chainId, head) in heads)
        {
            if (_written.TryGetValue(chainId, out var written) && written >= head.Sequence)
            {
                continue;
            }

            try
            {
                await checkpoints.UpdateOneAsync(
                    Builders<AuditCheckpointDocument>.Filter.Eq(d => d.Id, chainId) & Builders<AuditCheckpointDocument>.Filter.Lt(d => d.Sequence, head.Sequence),
                    Builders<AuditCheckpointDocument>.Update.Set(d => d.Sequence, head.Sequence).Set(d => d.Hash, head.Hash).Set(d => d.RecordedAt, time.GetUtcNow().UtcDateTime),
                    new UpdateOptions { IsUpsert = true },
                    cancellationToken).ConfigureAwait(false);
                _written[chainId] = head.Sequence;
            }
            catch (MongoException e) when (MongoErrors.IsDuplicateKey(e))
            {
                _written[chainId] = head.Sequence;
            }
            catch (Exception e) when (e is MongoException or TimeoutException)
            {
                MongoStorageLog.AuditCheckpointFailed(logger, chainId, e);
            }
        }
    }

    public async Task<AuditCheckpoint?> ReadAsync(string chainId, CancellationToken cancellationToken)
    {
        var found = await checkpoints.Find(Builders<AuditCheckpointDocument>.Filter.Eq(d => d.Id, chainId)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return found is null ? null : new AuditCheckpoint(found.Id, found.Sequence, found.Hash, new DateTimeOffset(DateTime.SpecifyKind(found.RecordedAt, DateTimeKind.Utc)));
    }
}
