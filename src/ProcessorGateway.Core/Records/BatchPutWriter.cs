using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Validation;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Records;

/// <summary>
/// A batch of puts at a constant number of record round trips (per thousand rows), each row with the result it would have had on its own.
/// Every row is checked and sealed on its own, in parallel. A row with an idempotency key is then written on its own
/// (its claim, write and completion are the single put's). The other rows of a tenant are written together, in one
/// <see cref="IRecordRepository.TryWriteManyAsync"/>; a row that did not land there, and rows naming a record that
/// another row of the batch names too, are written on their own afterwards, which gives each its precise result
/// (exists, version mismatch, kept, or written after all when the store refused the bulk as a whole).
/// </summary>
internal sealed class BatchPutWriter(RecordService service, IRecordRepository records)
{
    /// <summary>
    /// Sealed rows are written once this many are waiting, or this many bytes of values, so a batch of thousands of
    /// large rows is never held in memory whole (the rows arrive as a stream); a 20-row batch is one write.
    /// </summary>
    private const int MaxRowsPerWrite = 1000;

    private const long MaxValueBytesPerWrite = 16L * 1024 * 1024;

    public async Task<IReadOnlyList<BatchItemOutcome>> PutManyAsync<TItem>(
        IAsyncEnumerable<TItem> items, Func<TItem, PutCommand> toCommand, int maxParallelism, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(toCommand);
        var outcomes = new List<BatchItemOutcome>();
        var waiting = new List<SealedRow>();
        long waitingBytes = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxParallelism), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Number(items, cancellationToken), options, async (item, token) =>
        {
            var (outcome, row) = await TryPrepareAsync(item.Index, () => toCommand(item.Item), token).ConfigureAwait(false);
            List<SealedRow>? full = null;
            lock (waiting)
            {
                if (row is not null)
                {
                    waiting.Add(row);
                    waitingBytes += row.ValueBytes;
                    if (waiting.Count >= MaxRowsPerWrite || waitingBytes >= MaxValueBytesPerWrite)
                    {
                        (full, waitingBytes) = ([.. waiting], 0);
                        waiting.Clear();
                    }
                }
            }

            var written = full is null ? [] : await WriteAsync(full, options, token).ConfigureAwait(false);
            lock (outcomes)
            {
                outcomes.AddRange(outcome is null ? written : [outcome, .. written]);
            }
        }).ConfigureAwait(false);

        outcomes.AddRange(await WriteAsync(waiting, options, cancellationToken).ConfigureAwait(false));
        return outcomes.OrderBy(o => o.Index).ToList();
    }

    /// <returns>The row's outcome when it is settled here (an error, or a write with an idempotency key), else the row sealed for a bulk write.</returns>
    private async Task<(BatchItemOutcome? Outcome, SealedRow? Row)> TryPrepareAsync(int index, Func<PutCommand> toCommand, CancellationToken cancellationToken)
    {
        try
        {
            if (index >= Limits.MaxBatchItems)
            {
                return (new BatchItemOutcome(index, null, DomainErrors.Invalid("item", $"a batch holds at most {Limits.MaxBatchItems} items; this one was not written")), null);
            }

            var put = await service.PreparePutAsync(toCommand(), cancellationToken).ConfigureAwait(false);
            if (put.Target.IdempotencyKey is not null)
            {
                return (new BatchItemOutcome(index, await service.RunPutAsync(put, cancellationToken).ConfigureAwait(false), null), null);
            }

            var expectedVersion = put.Command.ExpectedVersion;
            var sealedRecord = await service.SealAsync(put.Target, put.SubjectId, put.Values, expectedVersion, existingCreatedAt: null, cancellationToken)
                .ConfigureAwait(false);
            return (null, new SealedRow(index, put.Target, sealedRecord, expectedVersion, put.Values.Values.Sum(FieldValueCodec.GetEncodedLength)));
        }
        catch (DomainException e)
        {
            return (new BatchItemOutcome(index, null, e), null);
        }
    }

    private async Task<List<BatchItemOutcome>> WriteAsync(List<SealedRow> rows, ParallelOptions options, CancellationToken cancellationToken)
    {
        var outcomes = new List<BatchItemOutcome>();

        // Rows naming one record are written on their own, one after the other in row order: one of the orders in
        // which they would have run as single puts. Every other row goes into its tenant's bulk write.
        var byRecord = rows.OrderBy(r => r.Index).GroupBy(r => (r.Record.TenantId, r.Record.Collection, r.Record.RecordId)).ToList();
        var onTheirOwn = byRecord.Where(g => g.Count() > 1).Select(g => g.ToList()).ToList();
        foreach (var tenant in byRecord.Where(g => g.Count() == 1).Select(g => g.Single()).GroupBy(r => r.Record.TenantId))
        {
            var writes = tenant.ToList();
            IReadOnlyList<bool> landed;
            try
            {
                landed = await records.TryWriteManyAsync(tenant.Key, writes.Select(w => (w.Record, w.ExpectedVersion)).ToList(), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (DomainException e)
            {
                // Storage unavailable: every row of the bulk fails as its single put would have.
                outcomes.AddRange(writes.Select(w => new BatchItemOutcome(w.Index, null, e)));
                continue;
            }

            for (var i = 0; i < writes.Count; i++)
            {
                if (landed[i])
                {
                    outcomes.Add(new BatchItemOutcome(writes[i].Index, new WriteOutcome(writes[i].Target.RecordId, writes[i].Record.Version, Replayed: false), null));
                }
                else
                {
                    onTheirOwn.Add([writes[i]]);
                }
            }
        }

        await Parallel.ForEachAsync(onTheirOwn, options, async (chain, token) =>
        {
            foreach (var row in chain)
            {
                BatchItemOutcome outcome;
                try
                {
                    outcome = new BatchItemOutcome(row.Index, await service.StoreAsync(row.Target, row.Record, row.ExpectedVersion, token).ConfigureAwait(false), null);
                }
                catch (DomainException e)
                {
                    outcome = new BatchItemOutcome(row.Index, null, e);
                }

                lock (outcomes)
                {
                    outcomes.Add(outcome);
                }
            }
        }).ConfigureAwait(false);

        return outcomes;
    }

    private static async IAsyncEnumerable<(int Index, TItem Item)> Number<TItem>(
        IAsyncEnumerable<TItem> items, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var index = 0;
        await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return (index++, item);
        }
    }

    private sealed record SealedRow(int Index, WriteTarget Target, StoredRecord Record, long ExpectedVersion, long ValueBytes);
}
