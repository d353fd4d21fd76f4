using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Validation;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Records;

/// <summary>
/// A batch of puts at a constant number of round trips (per thousand rows), each row with the result it would have had
/// on its own. Every row is checked on its own, in parallel, and sealed (a row with an idempotency key only once its key
/// is claimed, as a single put). Then, per tenant: replaces that could drop a field their purpose may not write are
/// judged against their stored records, read in one <see cref="IRecordRepository.FindManyAsync"/>; the rows' keys are claimed in one
/// <see cref="IdempotentWriter.TryClaimManyAsync"/>, the rows are written in one
/// <see cref="IRecordRepository.TryWriteManyAsync"/>, and the keys completed in one <see cref="IdempotentWriter.CompleteManyAsync"/>.
/// A row that did not land is written on its own, which gives it its precise result (exists, version mismatch, kept, or
/// written after all when the store refused the bulk as a whole), and a refused row releases its key. Rows whose key was
/// claimed already, and rows naming a record that another row of the batch names too, go through the single put afterwards.
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

    /// <returns>The row's error, or the row sealed for a bulk write.</returns>
    private async Task<(BatchItemOutcome? Outcome, SealedRow? Row)> TryPrepareAsync(int index, Func<PutCommand> toCommand, CancellationToken cancellationToken)
    {
        try
        {
            if (index >= Limits.MaxBatchItems)
            {
                return (new BatchItemOutcome(index, null, DomainErrors.Invalid("item", $"a batch holds at most {Limits.MaxBatchItems} items; this one was not written")), null);
            }

            // A row with a key is sealed once its key is claimed, as a single put is: a refused duplicate creates no subject key.
            var put = await service.PreparePutAsync(toCommand(), cancellationToken).ConfigureAwait(false);
            var bytes = put.Values.Values.Sum(FieldValueCodec.GetEncodedLength);
            return put.Target.IdempotencyKey is null
                ? (null, new SealedRow(index, put, await SealAsync(put, cancellationToken).ConfigureAwait(false), null, bytes))
                : (null, new SealedRow(index, put, null, await service.FingerprintPutAsync(put, cancellationToken).ConfigureAwait(false), bytes));
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
        var byRecord = rows.OrderBy(r => r.Index).GroupBy(r => (r.TenantId, r.Put.Target.Schema.Collection, r.RecordId)).ToList();
        var singlePuts = byRecord.Where(g => g.Count() > 1).Select(g => g.ToList()).ToList();
        foreach (var tenant in byRecord.Where(g => g.Count() == 1).Select(g => g.Single()).GroupBy(r => r.TenantId))
        {
            var refused = await RequireMayReplaceAsync(tenant.Key, tenant.ToList(), cancellationToken).ConfigureAwait(false);
            outcomes.AddRange(refused);
            var refusedRows = refused.Select(o => o.Index).ToHashSet();
            var allowed = tenant.Where(r => !refusedRows.Contains(r.Index)).ToList();
            if (allowed.Count == 0)
            {
                continue;
            }

            var (written, claimedAlready) = await WriteTenantAsync(tenant.Key, allowed, options, cancellationToken).ConfigureAwait(false);
            outcomes.AddRange(written);
            singlePuts.AddRange(claimedAlready.Select(r => new List<SealedRow> { r }));
        }

        await Parallel.ForEachAsync(singlePuts, options, async (chain, token) =>
        {
            foreach (var row in chain)
            {
                var outcome = await SettleAsync(row.Index, () => service.RunPutAsync(row.Put, token)).ConfigureAwait(false);
                lock (outcomes)
                {
                    outcomes.Add(outcome);
                }
            }
        }).ConfigureAwait(false);

        return outcomes;
    }

    /// <returns>The rows' outcomes, and the rows whose idempotency key was claimed already, for the single put to settle.</returns>
    private async Task<(List<BatchItemOutcome> Outcomes, List<SealedRow> ClaimedAlready)> WriteTenantAsync(
        string tenantId, List<SealedRow> rows, ParallelOptions options, CancellationToken cancellationToken)
    {
        var outcomes = new List<BatchItemOutcome>();
        var keyed = rows.Where(r => r.Fingerprint is not null).ToList();
        var claimedAlready = new List<SealedRow>();
        var writes = rows;
        if (keyed.Count > 0)
        {
            try
            {
                var claimed = await service.Idempotent.TryClaimManyAsync(tenantId, keyed.Select(r => (r.Key!, r.Fingerprint!, r.RecordId)).ToList(), cancellationToken)
                    .ConfigureAwait(false);
                claimedAlready.AddRange(keyed.Where((_, i) => !claimed[i]));
            }
            catch (DomainException e)
            {
                outcomes.AddRange(keyed.Select(r => new BatchItemOutcome(r.Index, null, e)));
            }

            var sealedKeyed = new List<SealedRow>();
            var ours = outcomes.Count > 0 ? [] : keyed.Except(claimedAlready).ToList();
            await Parallel.ForEachAsync(ours, options, async (row, token) =>
            {
                BatchItemOutcome? refused = null;
                try
                {
                    var sealedRow = row with { Record = await SealAsync(row.Put, token).ConfigureAwait(false) };
                    lock (sealedKeyed)
                    {
                        sealedKeyed.Add(sealedRow);
                    }
                }
                catch (DomainException e)
                {
                    refused = await ReleaseIfRefusedAsync(tenantId, row, new BatchItemOutcome(row.Index, null, e), token).ConfigureAwait(false);
                }

                if (refused is not null)
                {
                    lock (outcomes)
                    {
                        outcomes.Add(refused);
                    }
                }
            }).ConfigureAwait(false);
            writes = [.. rows.Where(r => r.Fingerprint is null), .. sealedKeyed];
        }

        IReadOnlyList<bool> landed;
        try
        {
            landed = await records.TryWriteManyAsync(tenantId, writes.Select(w => (w.Record!, w.ExpectedVersion)).ToList(), cancellationToken).ConfigureAwait(false);
        }
        catch (DomainException e)
        {
            // Storage unavailable: every row fails as its single put would have, claims left pending for a retry to settle.
            outcomes.AddRange(writes.Select(w => new BatchItemOutcome(w.Index, null, e)));
            return (outcomes, claimedAlready);
        }

        var written = new List<BatchItemOutcome>();
        await Parallel.ForEachAsync(writes.Select((w, i) => (Row: w, Landed: landed[i])), options, async (write, token) =>
        {
            var row = write.Row;
            var outcome = write.Landed
                ? new BatchItemOutcome(row.Index, new WriteOutcome(row.RecordId, row.Record!.Version, Replayed: false), null)
                : await ReleaseIfRefusedAsync(tenantId, row,
                    await SettleAsync(row.Index, () => service.StoreAsync(row.Put.Target, row.Record!, row.ExpectedVersion, token)).ConfigureAwait(false), token)
                    .ConfigureAwait(false);

            lock (written)
            {
                written.Add(outcome);
            }
        }).ConfigureAwait(false);

        var keys = writes.Where(w => w.Key is not null).ToDictionary(w => w.Index, w => w.Key!);
        var completed = written.Where(o => o.Result is not null && keys.ContainsKey(o.Index)).Select(o => (keys[o.Index], o.Result!.Version)).ToList();
        try
        {
            await service.Idempotent.CompleteManyAsync(tenantId, completed, cancellationToken).ConfigureAwait(false);
            outcomes.AddRange(written);
        }
        catch (DomainException e)
        {
            // Written but not completed: a retry finds the write by its key on the record, as after a single put's failed completion.
            outcomes.AddRange(written.Select(o => o.Result is not null && keys.ContainsKey(o.Index) ? new BatchItemOutcome(o.Index, null, e) : o));
        }

        return (outcomes, claimedAlready);
    }

    /// <summary>
    /// <see cref="FieldWriteCheck.RequireMayReplaceAsync"/> for the rows of one bulk write, with one read for all the rows
    /// that need one (before their keys are claimed, so a refused row has no key to free). The bulk write is guarded
    /// by each row's expected version, so a record judged at that version is the one replaced.
    /// </summary>
    /// <returns>The refused rows' outcomes; every judged row's, as unavailable, when the read fails.</returns>
    private async Task<List<BatchItemOutcome>> RequireMayReplaceAsync(string tenantId, List<SealedRow> rows, CancellationToken cancellationToken)
    {
        var judged = rows.Where(r => r.ExpectedVersion > 0 && FieldWriteCheck.ReplaceMayDropProtected(r.Put.Target.Schema, r.Put.Command.Purpose!, r.Put.Values))
            .ToList();
        if (judged.Count == 0)
        {
            return [];
        }

        IReadOnlyList<StoredRecord> stored;
        try
        {
            stored = await records.FindManyAsync(tenantId, judged.Select(r => (r.Put.Target.Schema.Collection, r.RecordId)).ToList(), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (DomainException e)
        {
            return judged.Select(r => new BatchItemOutcome(r.Index, null, e)).ToList();
        }

        var found = stored.ToDictionary(s => (s.Collection, s.RecordId));
        var refused = new List<BatchItemOutcome>();
        foreach (var row in judged)
        {
            if (found.TryGetValue((row.Put.Target.Schema.Collection, row.RecordId), out var record) && record.Version == row.ExpectedVersion)
            {
                try
                {
                    FieldWriteCheck.RequireMayDrop(row.Put.Target.Schema, row.Put.Command.Purpose!, record, row.Put.Values);
                }
                catch (DomainException e)
                {
                    refused.Add(new BatchItemOutcome(row.Index, null, e));
                }
            }
        }

        return refused;
    }

    private Task<StoredRecord> SealAsync(PreparedPut put, CancellationToken cancellationToken) =>
        service.SealAsync(put.Target, put.SubjectId, put.Values, put.Command.ExpectedVersion, existingCreatedAt: null, cancellationToken);

    /// <summary>
    /// A row with a key that was refused frees its key, so a corrected retry is judged afresh (an unavailable store
    /// leaves it pending, for a retry to settle); when freeing it fails, the row is unavailable, as a single put would be.
    /// </summary>
    private async Task<BatchItemOutcome> ReleaseIfRefusedAsync(string tenantId, SealedRow row, BatchItemOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome.Error is not { Kind: not DomainErrorKind.Unavailable } || row.Key is not { } key)
        {
            return outcome;
        }

        var released = await SettleAsync(row.Index, async () =>
        {
            await service.Idempotent.ReleaseAsync(tenantId, key, cancellationToken).ConfigureAwait(false);
            return new WriteOutcome(row.RecordId, 0, Replayed: false);
        }).ConfigureAwait(false);
        return released.Error is null ? outcome : released;
    }

    private static async Task<BatchItemOutcome> SettleAsync(int index, Func<Task<WriteOutcome>> write)
    {
        try
        {
            return new BatchItemOutcome(index, await write().ConfigureAwait(false), null);
        }
        catch (DomainException e)
        {
            return new BatchItemOutcome(index, null, e);
        }
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

    /// <param name="Record">The sealed record; for a row with an idempotency key, only once its key is claimed.</param>
    /// <param name="Fingerprint">Set when the row has an idempotency key.</param>
    private sealed record SealedRow(int Index, PreparedPut Put, StoredRecord? Record, byte[]? Fingerprint, long ValueBytes)
    {
        public string TenantId => Put.Target.Tenant.TenantId;

        public string RecordId => Put.Target.RecordId;

        public string? Key => Put.Target.IdempotencyKey;

        public long ExpectedVersion => Put.Command.ExpectedVersion;
    }
}
