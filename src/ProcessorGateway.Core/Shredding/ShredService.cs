using System.Diagnostics.Metrics;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Records;
using ProcessorGateway.Core.Telemetry;
using ProcessorGateway.Core.Tenants;
using ProcessorGateway.Core.Validation;

namespace ProcessorGateway.Core.Shredding;

/// <summary>
/// Crypto-shredding, in the order docs/design.md §4 gives: tombstone in the ledger, delete the wrapped key,
/// evict it here, have every other replica evict it, then reply. From the reply on, no replica returns
/// the data; ciphertext stays until the purge job, and backups age out unreadable.
/// </summary>
public sealed class ShredService(
    ITenantRepository tenants, IKeyVault vault, IShredLedger ledger, TenantKeyring keyring, IRecordRepository records,
    IReplicaInvalidator replicas, BackupRetention retention, TimeProvider time)
{
    // Shreds by kind only (subject or tenant), and keys destroyed: never which tenant, subject or key.
    private static readonly Counter<long> Shreds = GatewayMeter.Meter.CreateCounter<long>("pg.shred.operations", "{shred}", "Completed shreds (subject erasures and tenant offboardings), replays excluded");
    private static readonly Counter<long> KeysDestroyed = GatewayMeter.Meter.CreateCounter<long>("pg.shred.keys_destroyed", "{key}", "Keys destroyed by shreds");

    public async Task<ShredOutcome> EraseSubjectAsync(string? tenantId, string? subjectId, string? reason, string actor, CancellationToken cancellationToken)
    {
        var tenant = await ActiveTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var subject = Identifiers.RecordId(subjectId, "subject_id");
        var why = Identifiers.Reason(reason);
        if (await ledger.FindSubjectAsync(tenant.TenantId, subject, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            return Outcome([earlier.KeyId], earlier.ShreddedAt, replayed: true, null);
        }

        // A subject with no data yet has no key; a tombstone all the same keeps the id from taking new data.
        var now = Now();
        var key = await vault.FindSubjectKeyAsync(tenant.TenantId, subject, cancellationToken).ConfigureAwait(false);
        var keyIds = new List<Guid> { key?.Reference.Id ?? Guid.NewGuid() };
        await ledger.AppendAsync(new ShredRecord(keyIds[0], tenant.TenantId, KeyKind.Subject, subject, now, why, actor), cancellationToken).ConfigureAwait(false);

        // A first write may have stored a key between the look-up and the tombstone. It checks the ledger
        // after storing, and this looks again after the tombstone, so one of the two always sees the other.
        if (await vault.FindSubjectKeyAsync(tenant.TenantId, subject, cancellationToken).ConfigureAwait(false) is { } late && !keyIds.Contains(late.Reference.Id))
        {
            await ledger.AppendAsync(new ShredRecord(late.Reference.Id, tenant.TenantId, KeyKind.Subject, subject, now, why, actor), cancellationToken)
                .ConfigureAwait(false);
            keyIds.Add(late.Reference.Id);
        }

        await vault.DeleteAsync(keyIds, cancellationToken).ConfigureAwait(false);
        await keyring.EvictAsync(tenant.TenantId, keyIds, cancellationToken).ConfigureAwait(false);
        var invalidation = await replicas.InvalidateAsync(tenant.TenantId, keyIds, cancellationToken).ConfigureAwait(false);
        await records.RemoveBlindIndexesAsync(tenant.TenantId, subject, cancellationToken).ConfigureAwait(false);
        Count("subject", keyIds.Count);
        return Outcome(keyIds, now, replayed: false, invalidation);
    }

    /// <summary>
    /// Destroys retained keys (records an earlier erasure kept, now released), in the same order as a subject
    /// shred. Idempotent: keys tombstoned already are replayed with their first time.
    /// </summary>
    public async Task<ShredOutcome> DestroyRetainedKeysAsync(string tenantId, IReadOnlyList<Guid> keyIds, string? reason, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyIds);
        var tenant = await ActiveTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var why = Identifiers.Reason(reason);
        var earlier = new List<ShredRecord>();
        foreach (var keyId in keyIds)
        {
            if (await ledger.FindAsync(keyId, cancellationToken).ConfigureAwait(false) is { } tombstone)
            {
                earlier.Add(tombstone);
            }
        }

        if (keyIds.Count == 0 || earlier.Count == keyIds.Count)
        {
            return Outcome(keyIds, earlier.Count == 0 ? Now() : earlier.Max(t => t.ShreddedAt), replayed: true, null);
        }

        var now = Now();
        foreach (var keyId in keyIds)
        {
            await ledger.AppendAsync(new ShredRecord(keyId, tenant.TenantId, KeyKind.Retained, null, now, why, actor), cancellationToken).ConfigureAwait(false);
        }

        await vault.DeleteAsync(keyIds, cancellationToken).ConfigureAwait(false);
        await keyring.EvictAsync(tenant.TenantId, keyIds, cancellationToken).ConfigureAwait(false);
        var invalidation = await replicas.InvalidateAsync(tenant.TenantId, keyIds, cancellationToken).ConfigureAwait(false);
        Count("retained", keyIds.Count);
        return Outcome(keyIds, now, replayed: false, invalidation);
    }

    /// <returns>When the subject's key was destroyed, or <c>null</c> when it never was.</returns>
    public async Task<DateTimeOffset?> SubjectErasedAtAsync(string tenantId, string subjectId, CancellationToken cancellationToken) =>
        (await ledger.FindSubjectAsync(tenantId, subjectId, cancellationToken).ConfigureAwait(false))?.ShreddedAt;

    /// <summary>Offboarding: every key of the tenant is destroyed, and with the tenant key everything wrapped under it.</summary>
    public async Task<ShredOutcome> OffboardTenantAsync(string? tenantId, string? reason, string actor, CancellationToken cancellationToken)
    {
        var id = Identifiers.TenantId(tenantId);
        var why = Identifiers.Reason(reason);
        var tenant = await tenants.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw DomainErrors.TenantNotFound(id);
        if (tenant.Status == TenantStatus.Shredded && await ledger.FindAsync(tenant.DataKey.Id, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            // The first receipt listed every key destroyed with the tenant key: so does the replay.
            var destroyed = (await ledger.ListTenantAsync(id, cancellationToken).ConfigureAwait(false))
                .Where(t => t.ShreddedAt == earlier.ShreddedAt).Select(t => t.KeyId).ToList();
            return Outcome(destroyed, earlier.ShreddedAt, replayed: true, null);
        }

        var now = Now();
        var tombstones = (await vault.ListTenantKeysAsync(id, cancellationToken).ConfigureAwait(false))
            .Select(k => new ShredRecord(k.Reference.Id, id, k.Kind, k.SubjectId, now, why, actor))
            .Append(new ShredRecord(tenant.DataKey.Id, id, KeyKind.Data, null, now, why, actor))
            .Append(new ShredRecord(tenant.IndexKey.Id, id, KeyKind.Index, null, now, why, actor))
            .DistinctBy(t => t.KeyId)
            .ToList();
        var keyIds = tombstones.Select(t => t.KeyId).ToList();

        // Status first: every replica reads it on every call, so from here no call is served for the tenant.
        await tenants.SetStatusAsync(id, TenantStatus.Offboarding, cancellationToken).ConfigureAwait(false);
        foreach (var tombstone in tombstones)
        {
            await ledger.AppendAsync(tombstone, cancellationToken).ConfigureAwait(false);
        }

        await vault.DeleteAsync(keyIds, cancellationToken).ConfigureAwait(false);
        await keyring.EvictAsync(id, keyIds, cancellationToken).ConfigureAwait(false);
        var invalidation = await replicas.InvalidateAsync(id, keyIds, cancellationToken).ConfigureAwait(false);
        await tenants.SetStatusAsync(id, TenantStatus.Shredded, cancellationToken).ConfigureAwait(false);
        Count("tenant", keyIds.Count);
        return Outcome(keyIds, now, replayed: false, invalidation);
    }

    /// <summary>
    /// Re-applies every tombstone after a restore, and at start-up: deletes the keys it names again,
    /// removes restored blind indexes of erased subjects, and marks offboarded tenants shredded again.
    /// </summary>
    /// <returns>How many tombstones were checked, and how many keys a restore had brought back.</returns>
    public async Task<(long Checked, long Deleted)> ReconcileAsync(CancellationToken cancellationToken)
    {
        const int BatchSize = 500;
        long checkedCount = 0;
        long deleted = 0;
        var batch = new List<Guid>(BatchSize);
        var offboarded = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var tombstone in ledger.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            checkedCount++;
            batch.Add(tombstone.KeyId);
            if (batch.Count == BatchSize)
            {
                deleted += await vault.DeleteAsync(batch, cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }

            if (tombstone.SubjectId is not null)
            {
                await records.RemoveBlindIndexesAsync(tombstone.TenantId, tombstone.SubjectId, cancellationToken).ConfigureAwait(false);
            }
            else if (tombstone.Kind == KeyKind.Data)
            {
                offboarded.Add(tombstone.TenantId);
            }
        }

        if (batch.Count > 0)
        {
            deleted += await vault.DeleteAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        foreach (var tenantId in offboarded)
        {
            await tenants.SetStatusAsync(tenantId, TenantStatus.Shredded, cancellationToken).ConfigureAwait(false);
        }

        return (checkedCount, deleted);
    }

    private static void Count(string kind, int keys)
    {
        var tag = new KeyValuePair<string, object?>("kind", kind);
        Shreds.Add(1, tag);
        KeysDestroyed.Add(keys, tag);
    }

    private async Task<Tenant> ActiveTenantAsync(string? tenantId, CancellationToken cancellationToken)
    {
        var id = Identifiers.TenantId(tenantId);
        return (await tenants.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw DomainErrors.TenantNotFound(id)).RequireActive();
    }

    /// <summary>To the millisecond, as the ledger keeps it, so a replayed reply states the same instant.</summary>
    private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());

    private ShredOutcome Outcome(IReadOnlyList<Guid> keyIds, DateTimeOffset at, bool replayed, InvalidationOutcome? invalidation) =>
        new(keyIds, at, at + retention.RecordBackups, at + retention.KeyVaultBackups, replayed, invalidation);
}
