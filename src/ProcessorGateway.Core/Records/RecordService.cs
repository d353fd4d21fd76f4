using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Subjects;
using ProcessorGateway.Core.Tenants;
using ProcessorGateway.Core.Validation;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Records;

/// <summary>Writes: create, replace, correct and delete records, each at most once per idempotency key.</summary>
public sealed class RecordService
{
    private readonly TenantService _tenants;
    private readonly SchemaService _schemas;
    private readonly IRecordRepository _records;
    private readonly TenantKeyring _keyring;
    private readonly RecordCodec _codec;
    private readonly IdempotentWriter _idempotent;
    private readonly MinorConsentGate _minors;
    private readonly Erasure.ErasureClock _clock;
    private readonly PurposeRegistry _purposes;

    public RecordService(
        TenantService tenants, SchemaService schemas, IRecordRepository records, IIdempotencyStore idempotency,
        TenantKeyring keyring, RecordCodec codec, TimeProvider time, MinorConsentGate minors,
        Erasure.ErasureClock clock, PurposeRegistry purposes)
    {
        _purposes = purposes;
        _tenants = tenants;
        _schemas = schemas;
        _records = records;
        _keyring = keyring;
        _codec = codec;
        _idempotent = new IdempotentWriter(idempotency, time);
        _minors = minors;
        _clock = clock;
    }

    public async Task<WriteOutcome> PutAsync(PutCommand command, CancellationToken cancellationToken)
    {
        var put = await PreparePutAsync(command, cancellationToken).ConfigureAwait(false);
        return await RunPutAsync(put, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A put checked (tenant, schema, identifiers, values) and resolved, not yet written.</summary>
    internal async Task<PreparedPut> PreparePutAsync(PutCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var target = await ResolveAsync(command.TenantId, command.Collection, command.RecordId, command.Purpose, command.IdempotencyKey, cancellationToken)
            .ConfigureAwait(false);
        var subjectId = Identifiers.OptionalRecordId(command.SubjectId, "subject_id");
        if (command.ExpectedVersion < 0)
        {
            throw DomainErrors.Invalid("expected_version", "must be 0 (create) or the version being replaced");
        }

        var values = RecordFields.Validate(target.Schema, command.Fields);
        RecordFields.CheckRequired(target.Schema, values);
        FieldWriteCheck.RequireWritable(target.Schema, command.Purpose!, values.Keys);

        // The put is the whole record: whether it is a minor's is what it says (or the profile), not what it replaces.
        await _minors.RequireWriteConsentAsync(target.Tenant.TenantId, target.Schema, subjectId, command.Purpose!, values, values.Keys, cancellationToken)
            .ConfigureAwait(false);
        return new PreparedPut(command, target, subjectId, values);
    }

    /// <summary>Claims and completion of idempotency keys, for writers that write under many at once.</summary>
    internal IdempotentWriter Idempotent => _idempotent;

    /// <summary>Writes a prepared put on its own, at most once per idempotency key.</summary>
    internal async Task<WriteOutcome> RunPutAsync(PreparedPut put, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(put);
        var (command, target) = (put.Command, put.Target);
        var fingerprint = await FingerprintPutAsync(put, cancellationToken).ConfigureAwait(false);
        return await _idempotent.RunAsync(target.Tenant.TenantId, target.IdempotencyKey, fingerprint, target.RecordId,
            async () =>
            {
                await FieldWriteCheck.RequireMayReplaceAsync(_records, put, cancellationToken).ConfigureAwait(false);
                return await WriteAsync(target, put.SubjectId, put.Values, command.ExpectedVersion, existingCreatedAt: null, cancellationToken).ConfigureAwait(false);
            },
            () => RecoverWriteAsync(target, cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<WriteOutcome> UpdateAsync(UpdateCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var target = await ResolveAsync(command.TenantId, command.Collection, command.RecordId, command.Purpose, command.IdempotencyKey, cancellationToken)
            .ConfigureAwait(false);
        if (command.ExpectedVersion <= 0)
        {
            throw DomainErrors.Invalid("expected_version", "is required: the version of the record being corrected");
        }

        if (command.Mask.Count == 0)
        {
            throw DomainErrors.Invalid("update_mask", "must name at least one field");
        }

        for (var i = 0; i < command.Mask.Count; i++)
        {
            RecordFields.Definition(target.Schema, command.Mask[i], $"update_mask.paths[{i}]");
        }

        FieldWriteCheck.RequireWritable(target.Schema, command.Purpose!, command.Mask);

        var stray = command.Fields.Keys.FirstOrDefault(k => !command.Mask.Contains(k, StringComparer.Ordinal));
        if (stray is not null)
        {
            throw DomainErrors.Invalid(FieldPath.Of(stray), "is not named in update_mask");
        }

        var changes = RecordFields.Validate(target.Schema, command.Fields);
        var fingerprint = await FingerprintAsync(target, "update",
            f => f.Add(command.ExpectedVersion).AddFields(command.Fields).Add(string.Join('\n', command.Mask.Order(StringComparer.Ordinal))), cancellationToken)
            .ConfigureAwait(false);

        return await _idempotent.RunAsync(target.Tenant.TenantId, target.IdempotencyKey, fingerprint, target.RecordId,
            async () =>
            {
                var stored = await _records.FindAsync(target.Tenant.TenantId, target.Schema.Collection, target.RecordId, cancellationToken).ConfigureAwait(false)
                    ?? throw DomainErrors.RecordNotFound(target.Schema.Collection, target.RecordId);
                if (stored.Version != command.ExpectedVersion)
                {
                    throw DomainErrors.VersionMismatch(target.RecordId, command.ExpectedVersion, stored.Version);
                }

                RequireNotKept(stored);

                // Re-sealed whole, so every ciphertext carries the schema version it is written under.
                var values = await _codec.OpenAllAsync(target.Tenant, stored, cancellationToken).ConfigureAwait(false);
                foreach (var path in command.Mask)
                {
                    values.Remove(path);
                    if (changes.TryGetValue(path, out var value))
                    {
                        values[path] = value;
                    }
                }

                foreach (var dropped in values.Keys.Where(k => target.Schema.Field(k) is null).ToList())
                {
                    values.Remove(dropped);
                }

                RecordFields.CheckRequired(target.Schema, values);

                // A correction is a minor's when the record was one or becomes one: clearing the flag needs the consent too.
                await _minors.RequireWriteConsentAsync(target.Tenant.TenantId, target.Schema, stored.SubjectId, command.Purpose!, values, command.Mask,
                    cancellationToken, await _codec.MinorValueAsync(target.Tenant, target.Schema, stored, cancellationToken).ConfigureAwait(false))
                    .ConfigureAwait(false);
                return await WriteAsync(target, stored.SubjectId, values, command.ExpectedVersion, stored.CreatedAt, cancellationToken).ConfigureAwait(false);
            },
            () => RecoverWriteAsync(target, cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<WriteOutcome> DeleteAsync(DeleteCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var target = await ResolveAsync(command.TenantId, command.Collection, command.RecordId, command.Purpose, command.IdempotencyKey, cancellationToken)
            .ConfigureAwait(false);
        if (command.ExpectedVersion < 0)
        {
            throw DomainErrors.Invalid("expected_version", "must be 0 (any version) or the version being deleted");
        }

        var fingerprint = await FingerprintAsync(target, "delete", f => f.Add(command.ExpectedVersion), cancellationToken).ConfigureAwait(false);
        var tenantId = target.Tenant.TenantId;
        var collection = target.Schema.Collection;
        return await _idempotent.RunAsync(tenantId, target.IdempotencyKey, fingerprint, target.RecordId,
            async () =>
            {
                var version = await FieldWriteCheck.JudgeDeleteAsync(_records, target, command.Purpose!, command.ExpectedVersion, cancellationToken).ConfigureAwait(false);
                if (await _records.TryDeleteAsync(tenantId, collection, target.RecordId, version, cancellationToken).ConfigureAwait(false))
                {
                    return new WriteOutcome(target.RecordId, 0, Replayed: false);
                }

                // The store never deletes a kept record (a legal hold or retention rule keeps it): say so.
                var current = await _records.FindAsync(tenantId, collection, target.RecordId, cancellationToken).ConfigureAwait(false)
                    ?? throw DomainErrors.RecordNotFound(collection, target.RecordId);
                RequireNotKept(current);
                throw version != command.ExpectedVersion
                    ? DomainErrors.ChangedMeanwhile($"record '{target.RecordId}'", "expected_version")
                    : DomainErrors.VersionMismatch(target.RecordId, command.ExpectedVersion, current.Version);
            },
            async () => await _records.FindAsync(tenantId, collection, target.RecordId, cancellationToken).ConfigureAwait(false) is null
                ? new WriteOutcome(target.RecordId, 0, Replayed: true)
                : null,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What an idempotency key of this put is bound to; empty without a key.</summary>
    internal Task<byte[]> FingerprintPutAsync(PreparedPut put, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(put);
        return FingerprintAsync(put.Target, "put", f => f.Add(put.SubjectId).Add(put.Command.ExpectedVersion).AddFields(put.Command.Fields), cancellationToken);
    }

    /// <summary>
    /// A batch of puts, each with the result it would have had on its own: one bad row does not sink the batch, its
    /// error becomes its result. <paramref name="toCommand"/> runs per item too, so a row that cannot even be read
    /// fails alone. The rows are written together (<see cref="BatchPutWriter"/>).
    /// </summary>
    public Task<IReadOnlyList<BatchItemOutcome>> PutManyAsync<TItem>(
        IAsyncEnumerable<TItem> items, Func<TItem, PutCommand> toCommand, int maxParallelism, CancellationToken cancellationToken) =>
        new BatchPutWriter(this, _records).PutManyAsync(items, toCommand, maxParallelism, cancellationToken);

    /// <summary>The record a put or correction writes: <paramref name="expectedVersion"/> + 1, encrypted and indexed.</summary>
    internal Task<StoredRecord> SealAsync(
        WriteTarget target, string? subjectId, IReadOnlyDictionary<string, FieldValue> values, long expectedVersion, DateTimeOffset? existingCreatedAt,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        // On the calendar clock retention is judged on, so a write starts a period on the same clock the job ends it by.
        var now = _clock.Now();

        // A replace keeps the stored creation time (IRecordRepository.TryReplaceAsync), so it is not read first:
        // a record that is missing, kept or at another version fails the replace, and is read only then, to say why.
        return _codec.SealAsync(target.Tenant, target.Schema, target.RecordId, subjectId, values, expectedVersion + 1,
            target.IdempotencyKey, existingCreatedAt ?? now, now, cancellationToken);
    }

    /// <summary>Stores a sealed record on its own: a create when <paramref name="expectedVersion"/> is 0, else a replace of that version; says why when it cannot.</summary>
    internal async Task<WriteOutcome> StoreAsync(WriteTarget target, StoredRecord sealedRecord, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(sealedRecord);
        var tenantId = target.Tenant.TenantId;
        var collection = target.Schema.Collection;
        if (expectedVersion == 0)
        {
            if (!await _records.TryInsertAsync(tenantId, sealedRecord, cancellationToken).ConfigureAwait(false))
            {
                throw DomainErrors.RecordExists(collection, target.RecordId);
            }
        }
        else if (!await _records.TryReplaceAsync(tenantId, sealedRecord, expectedVersion, cancellationToken).ConfigureAwait(false))
        {
            // A kept record never matches a replace either: say which it is.
            var current = await _records.FindAsync(tenantId, collection, target.RecordId, cancellationToken).ConfigureAwait(false);
            if (current is not null)
            {
                RequireNotKept(current);
            }

            throw DomainErrors.VersionMismatch(target.RecordId, expectedVersion, current?.Version);
        }

        return new WriteOutcome(target.RecordId, sealedRecord.Version, Replayed: false);
    }

    private async Task<WriteOutcome> WriteAsync(
        WriteTarget target, string? subjectId, IReadOnlyDictionary<string, FieldValue> values, long expectedVersion,
        DateTimeOffset? existingCreatedAt, CancellationToken cancellationToken)
    {
        var sealedRecord = await SealAsync(target, subjectId, values, expectedVersion, existingCreatedAt, cancellationToken).ConfigureAwait(false);
        return await StoreAsync(target, sealedRecord, expectedVersion, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A record kept after its subject's erasure is read-only: a write would put it back under the destroyed subject key.</summary>
    internal static void RequireNotKept(StoredRecord stored)
    {
        if (stored.Retention is { } kept)
        {
            throw DomainErrors.RecordKept(stored.Collection, stored.RecordId, kept.RequestId);
        }
    }

    private async Task<WriteOutcome?> RecoverWriteAsync(WriteTarget target, CancellationToken cancellationToken)
    {
        var stored = await _records.FindAsync(target.Tenant.TenantId, target.Schema.Collection, target.RecordId, cancellationToken).ConfigureAwait(false);
        return stored is not null && stored.LastIdempotencyKey == target.IdempotencyKey
            ? new WriteOutcome(target.RecordId, stored.Version, Replayed: true)
            : null;
    }

    private async Task<WriteTarget> ResolveAsync(
        string? tenantId, string? collection, string? recordId, string? purpose, string? idempotencyKey, CancellationToken cancellationToken)
    {
        Identifiers.TenantId(tenantId);
        Identifiers.Name(collection, "collection");
        var id = Identifiers.RecordId(recordId, "record_id");
        Identifiers.Name(purpose, "purpose");
        var key = Identifiers.IdempotencyKey(idempotencyKey);
        var tenant = await _tenants.GetActiveAsync(tenantId, cancellationToken).ConfigureAwait(false);
        await _purposes.ResolveAsync(tenant.TenantId, purpose!, cancellationToken).ConfigureAwait(false);
        var schema = await _schemas.GetAsync(tenant.TenantId, collection, 0, cancellationToken).ConfigureAwait(false);
        return new WriteTarget(tenant, schema, id, key);
    }

    private async Task<byte[]> FingerprintAsync(WriteTarget target, string operation, Action<RequestFingerprint> describe, CancellationToken cancellationToken)
    {
        if (target.IdempotencyKey is null)
        {
            return [];
        }

        using var indexKey = await _keyring.GetIndexKeyAsync(target.Tenant, cancellationToken).ConfigureAwait(false);
        using var fingerprint = new RequestFingerprint(indexKey, operation);
        fingerprint.Add(target.Schema.Collection).Add(target.RecordId);
        describe(fingerprint);
        return fingerprint.Finish();
    }
}
