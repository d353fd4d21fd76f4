using ProcessorGateway.Core.Crypto;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Records;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Tenants;
using ProcessorGateway.Core.Validation;

namespace ProcessorGateway.Core.Rotation;

/// <summary>
/// Tenant data-key rotation. Rotating adds a new version and makes it the one new writes use at once;
/// a job then rewraps the subject keys (and retained keys) and re-encrypts the subject-less records still under an older
/// version, a batch at a time (resumable: the remaining work is whatever storage still names the old
/// key), and retires the old version once nothing uses it.
/// </summary>
public sealed class KeyRotationService(
    ITenantRepository tenants, IKeyVault vault, TenantKeyring keyring, IRecordRepository records, ISchemaRepository schemas, RecordCodec codec)
{
    private const int BatchSize = 200;
    private const int CountBound = 10_000;

    public async Task<RotationStatus> RotateAsync(string? tenantId, CancellationToken cancellationToken)
    {
        var tenant = await ActiveTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var next = await keyring.CreateKeyAsync(tenant.TenantId, KeyKind.Data, cancellationToken, tenant.DataKey.Version + 1).ConfigureAwait(false);
        if (!await tenants.TryReplaceDataKeyAsync(tenant.TenantId, tenant.DataKey, next, cancellationToken).ConfigureAwait(false))
        {
            await vault.DeleteAsync([next.Id], cancellationToken).ConfigureAwait(false);
            throw DomainErrors.ChangedMeanwhile($"tenant '{tenant.TenantId}'", "tenant_id");
        }

        return await StatusAsync(tenant.TenantId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RotationStatus> StatusAsync(string? tenantId, CancellationToken cancellationToken)
    {
        var tenant = await ActiveTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var retiring = await RetiringAsync(tenant, cancellationToken).ConfigureAwait(false);
        var subjectKeys = 0;
        var recordCount = 0;
        foreach (var old in retiring)
        {
            subjectKeys += (await vault.ListWrappedByAsync(tenant.TenantId, old.Id, CountBound, cancellationToken).ConfigureAwait(false)).Count;
            recordCount += (await records.ListByDataKeyAsync(tenant.TenantId, old.Id, CountBound, cancellationToken).ConfigureAwait(false)).Count;
        }

        return new RotationStatus(tenant.DataKey, retiring, subjectKeys, recordCount);
    }

    /// <summary>One pass of the job for one tenant: rewraps, re-encrypts, and retires what it can.</summary>
    /// <returns>How many keys and records it moved to the current version.</returns>
    public async Task<(int SubjectKeys, int Records, int Retired)> ContinueAsync(string tenantId, CancellationToken cancellationToken)
    {
        var tenant = await tenants.FindAsync(tenantId, cancellationToken).ConfigureAwait(false);
        if (tenant is null || tenant.Status != TenantStatus.Active)
        {
            return (0, 0, 0);
        }

        int rewrapped = 0, reencrypted = 0, retired = 0;
        foreach (var old in await RetiringAsync(tenant, cancellationToken).ConfigureAwait(false))
        {
            rewrapped += await RewrapSubjectKeysAsync(tenant, old, cancellationToken).ConfigureAwait(false);
            reencrypted += await ReencryptRecordsAsync(tenant, old, cancellationToken).ConfigureAwait(false);
            if ((await vault.ListWrappedByAsync(tenant.TenantId, old.Id, 1, cancellationToken).ConfigureAwait(false)).Count == 0
                && (await records.ListByDataKeyAsync(tenant.TenantId, old.Id, 1, cancellationToken).ConfigureAwait(false)).Count == 0)
            {
                // Nothing uses the old version any more: retire it (backups taken before the rotation still hold it).
                await vault.DeleteAsync([old.Id], cancellationToken).ConfigureAwait(false);
                await keyring.EvictAsync(tenant.TenantId, [old.Id], cancellationToken).ConfigureAwait(false);
                retired++;
            }
        }

        return (rewrapped, reencrypted, retired);
    }

    private async Task<int> RewrapSubjectKeysAsync(Tenant tenant, KeyReference old, CancellationToken cancellationToken)
    {
        var count = 0;
        using var current = await keyring.GetDataKeyAsync(tenant, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var batch = await vault.ListWrappedByAsync(tenant.TenantId, old.Id, BatchSize, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return count;
            }

            foreach (var wrapped in batch)
            {
                // Subject keys and retained keys (records kept after an erasure) alike.
                using var key = await keyring.GetAsync(tenant.TenantId, wrapped.Kind, wrapped.Reference, cancellationToken).ConfigureAwait(false);
                var rewrapped = wrapped with { Wrapped = KeyWrap.Wrap(current, key, wrapped.WrapBinding), WrappedBy = current.Reference };
                if (await vault.TryRewrapAsync(rewrapped, old.Id, cancellationToken).ConfigureAwait(false))
                {
                    count++;
                }
            }
        }
    }

    private async Task<int> ReencryptRecordsAsync(Tenant tenant, KeyReference old, CancellationToken cancellationToken)
    {
        var count = 0;
        while (true)
        {
            var batch = await records.ListByDataKeyAsync(tenant.TenantId, old.Id, BatchSize, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return count;
            }

            var progressed = false;
            foreach (var stored in batch)
            {
                var schema = await schemas.FindAsync(tenant.TenantId, stored.Collection, stored.SchemaVersion, cancellationToken).ConfigureAwait(false)
                    ?? throw DomainErrors.SchemaNotFound(stored.Collection, stored.SchemaVersion);
                var values = await codec.OpenAllAsync(tenant, stored, cancellationToken).ConfigureAwait(false);

                // Same version: the content is unchanged, and a client write racing this one either wins or finds this one.
                var resealed = await codec.SealAsync(tenant, schema, stored.RecordId, stored.SubjectId, values, stored.Version,
                    stored.LastIdempotencyKey, stored.CreatedAt, stored.UpdatedAt, cancellationToken).ConfigureAwait(false);
                if (await records.TryReplaceAsync(tenant.TenantId, resealed, stored.Version, cancellationToken).ConfigureAwait(false))
                {
                    count++;
                    progressed = true;
                }
            }

            if (!progressed)
            {
                // Every record in the batch changed under us; the next pass picks them up again.
                return count;
            }
        }
    }

    private async Task<IReadOnlyList<KeyReference>> RetiringAsync(Tenant tenant, CancellationToken cancellationToken) =>
        (await vault.ListTenantKeysAsync(tenant.TenantId, cancellationToken).ConfigureAwait(false))
            .Where(k => k.Kind == KeyKind.Data && k.Reference.Id != tenant.DataKey.Id)
            .Select(k => k.Reference)
            .OrderBy(k => k.Version)
            .ToList();

    private async Task<Tenant> ActiveTenantAsync(string? tenantId, CancellationToken cancellationToken)
    {
        var id = Identifiers.TenantId(tenantId);
        return (await tenants.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw DomainErrors.TenantNotFound(id)).RequireActive();
    }
}
