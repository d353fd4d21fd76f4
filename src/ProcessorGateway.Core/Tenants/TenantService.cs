using ProcessorGateway.Core.Caching;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Validation;

namespace ProcessorGateway.Core.Tenants;

/// <summary>Creates tenants with fresh keys, and resolves the active tenant for every data call.</summary>
public sealed class TenantService(ITenantRepository tenants, TenantKeyring keyring, SchemaService schemas, MetadataCache cache, TimeProvider time)
{
    public async Task<Tenant> CreateAsync(string? tenantId, string? displayName, IReadOnlyList<string> templates, CancellationToken cancellationToken)
    {
        var id = Identifiers.TenantId(tenantId);
        var name = Identifiers.DisplayName(displayName);
        ArgumentNullException.ThrowIfNull(templates);
        var chosen = templates.Select((t, i) => EducationTemplates.Find(t) ?? throw DomainErrors.Invalid($"templates[{i}]",
            $"'{t}' is not a template; templates are {string.Join(", ", EducationTemplates.All.Select(x => x.Collection))}")).ToList();

        if (await tenants.FindAsync(id, cancellationToken).ConfigureAwait(false) is not null)
        {
            throw DomainErrors.TenantExists(id);
        }

        // Keys first: a tenant record never points at keys that do not exist. Keys orphaned by a
        // lost race are wrapped, unused and harmless.
        var dataKey = await keyring.CreateKeyAsync(id, KeyKind.Data, cancellationToken).ConfigureAwait(false);
        var indexKey = await keyring.CreateKeyAsync(id, KeyKind.Index, cancellationToken).ConfigureAwait(false);
        var tenant = new Tenant(id, name, TenantStatus.Active, dataKey, indexKey, time.GetUtcNow());
        if (!await tenants.TryInsertAsync(tenant, cancellationToken).ConfigureAwait(false))
        {
            throw DomainErrors.TenantExists(id);
        }

        foreach (var template in chosen)
        {
            await schemas.DefineAsync(id, template.Collection, template.Fields, expectedVersion: 0, template.DataClass, cancellationToken, template.MinorField, template.Retention)
                .ConfigureAwait(false);
        }

        return tenant;
    }

    public async Task<Tenant> GetAsync(string? tenantId, CancellationToken cancellationToken)
    {
        var id = Identifiers.TenantId(tenantId);
        return await tenants.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw DomainErrors.TenantNotFound(id);
    }

    /// <summary>
    /// The tenant, which must be active for its data to be read or written. From the metadata cache: a change of
    /// status or data key evicts it on every replica (<see cref="InvalidatingTenantRepository"/>).
    /// </summary>
    public async Task<Tenant> GetActiveAsync(string? tenantId, CancellationToken cancellationToken)
    {
        var id = Identifiers.TenantId(tenantId);
        var tenant = await cache.GetOrLoadAsync(MetadataKind.Tenant, id, ct => tenants.FindAsync(id, ct), cancellationToken).ConfigureAwait(false)
            ?? throw DomainErrors.TenantNotFound(id);
        return tenant.RequireActive();
    }
}
