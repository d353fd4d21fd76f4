using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Records;
using ProcessorGateway.Core.Tenants;
using ProcessorGateway.Core.Validation;

namespace ProcessorGateway.Core.Shredding;

/// <summary>
/// Crypto-shredding, in the order DESIGN §4 gives: tombstone in the ledger, delete the wrapped key,
/// evict it, then reply. From the reply on, reads on this replica fail with "erased"; ciphertext stays
/// until the purge job, and backups age out unreadable.
/// </summary>
public sealed class ShredService(
    ITenantRepository tenants, IKeyVault vault, IShredLedger ledger, TenantKeyring keyring, IRecordRepository records,
    IReplicaInvalidator replicas, BackupRetention retention, TimeProvider time)
{
    public async Task<ShredOutcome> EraseSubjectAsync(string? tenantId, string? subjectId, string? reason, string actor, CancellationToken cancellationToken)
    {
        var tenant = await ActiveTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var subject = Identifiers.RecordId(subjectId, "subject_id");
        var why = Reason(reason);
        if (await ledger.FindSubjectAsync(tenant.TenantId, subject, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            return Outcome([earlier.KeyId], earlier.ShreddedAt, replayed: true, null);
        }

        // A subject with no data yet has no key; a tombstone all the same keeps the id from taking new data.
        var key = await vault.FindSubjectKeyAsync(tenant.TenantId, subject, cancellationToken).ConfigureAwait(false);
        var keyId = key?.Reference.Id ?? Guid.NewGuid();
        var now = time.GetUtcNow();
        await ledger.AppendAsync(new ShredRecord(keyId, tenant.TenantId, KeyKind.Subject, subject, now, why, actor), cancellationToken).ConfigureAwait(false);
        await vault.DeleteAsync([keyId], cancellationToken).ConfigureAwait(false);
        await keyring.EvictAsync(tenant.TenantId, [keyId], cancellationToken).ConfigureAwait(false);
        var invalidation = await replicas.InvalidateAsync(tenant.TenantId, [keyId], cancellationToken).ConfigureAwait(false);
        await records.RemoveBlindIndexesAsync(tenant.TenantId, subject, cancellationToken).ConfigureAwait(false);
        return Outcome([keyId], now, replayed: false, invalidation);
    }

    /// <summary>Offboarding: every key of the tenant is destroyed, and with the tenant key everything wrapped under it.</summary>
    public async Task<ShredOutcome> OffboardTenantAsync(string? tenantId, string? reason, string actor, CancellationToken cancellationToken)
    {
        var id = Identifiers.TenantId(tenantId);
        var why = Reason(reason);
        var tenant = await tenants.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw DomainErrors.TenantNotFound(id);
        if (tenant.Status == TenantStatus.Shredded && await ledger.FindAsync(tenant.DataKey.Id, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            return Outcome([tenant.DataKey.Id, tenant.IndexKey.Id], earlier.ShreddedAt, replayed: true, null);
        }

        var now = time.GetUtcNow();
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
        return Outcome(keyIds, now, replayed: false, invalidation);
    }

    /// <summary>Deletes again every key the ledger names: after a key-vault restore, and at start-up.</summary>
    /// <returns>How many ledger entries were checked, and how many keys a restore had brought back.</returns>
    public async Task<(long Checked, long Deleted)> ReconcileAsync(CancellationToken cancellationToken)
    {
        const int BatchSize = 500;
        long checkedCount = 0;
        long deleted = 0;
        var batch = new List<Guid>(BatchSize);
        await foreach (var keyId in ledger.ListKeyIdsAsync(cancellationToken).ConfigureAwait(false))
        {
            batch.Add(keyId);
            if (batch.Count == BatchSize)
            {
                deleted += await vault.DeleteAsync(batch, cancellationToken).ConfigureAwait(false);
                checkedCount += batch.Count;
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            deleted += await vault.DeleteAsync(batch, cancellationToken).ConfigureAwait(false);
            checkedCount += batch.Count;
        }

        return (checkedCount, deleted);
    }

    private async Task<Tenant> ActiveTenantAsync(string? tenantId, CancellationToken cancellationToken)
    {
        var id = Identifiers.TenantId(tenantId);
        return (await tenants.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw DomainErrors.TenantNotFound(id)).RequireActive();
    }

    private ShredOutcome Outcome(IReadOnlyList<Guid> keyIds, DateTimeOffset at, bool replayed, InvalidationOutcome? invalidation) =>
        new(keyIds, at, at + retention.RecordBackups, at + retention.KeyVaultBackups, replayed, invalidation);

    private static string Reason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) || reason.Length > 500 || reason.Any(char.IsControl)
            ? throw DomainErrors.Invalid("reason", "is required: up to 500 characters saying why (it is kept in the shred ledger)")
            : reason.Trim();
}
