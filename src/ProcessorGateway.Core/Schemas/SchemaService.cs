using ProcessorGateway.Core.Caching;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Tenants;
using ProcessorGateway.Core.Validation;

namespace ProcessorGateway.Core.Schemas;

public sealed class SchemaService(ISchemaRepository schemas, ITenantRepository tenants, MetadataCache cache, TimeProvider time, PurposeRegistry purposeRegistry)
{
    public async Task<CollectionSchema> DefineAsync(
        string? tenantId, string? collection, IReadOnlyList<FieldDefinition> fields, int expectedVersion, DataClass dataClass,
        CancellationToken cancellationToken, string? minorField = null, CollectionRetention? retention = null)
    {
        var tenant = Identifiers.TenantId(tenantId);
        var name = Identifiers.Name(collection, "collection");
        ArgumentNullException.ThrowIfNull(fields);
        SchemaRules.Validate(fields);
        minorField = SchemaRules.CheckMinorField(fields, minorField);
        var keptFor = RetentionRules.Check(fields, retention);
        if (!Enum.IsDefined(dataClass))
        {
            throw DomainErrors.Invalid("data_class", "must be DATA_CLASS_UNSPECIFIED, DATA_CLASS_PERSONAL_ACCOUNT or DATA_CLASS_INSTITUTION_MANAGED");
        }

        if (expectedVersion < 0)
        {
            throw DomainErrors.Invalid("expected_version", "must be 0 (new collection) or the current version");
        }

        await RequireActiveTenantAsync(tenant, cancellationToken).ConfigureAwait(false);
        await purposeRegistry.RequireRegisteredAsync(tenant, fields.SelectMany((f, i) =>
            Named(f.Purposes, i, "purposes").Concat(Named(f.WritePurposes, i, "write_purposes"))), cancellationToken).ConfigureAwait(false);

        // Every version, read once: the newest is the one the caller expects, and all of them bind field names.
        var versions = await schemas.ListVersionsAsync(tenant, name, cancellationToken).ConfigureAwait(false);
        var current = versions.Count > 0 ? versions[^1] : null;
        var currentVersion = current?.Version ?? 0;
        if (currentVersion != expectedVersion)
        {
            throw DomainErrors.SchemaVersionMismatch(name, expectedVersion, currentVersion);
        }

        if (current is not null)
        {
            SchemaRules.CheckEvolution(versions, fields);
        }

        var schema = new CollectionSchema(tenant, name, currentVersion + 1, fields.ToArray(), time.GetUtcNow())
        {
            DataClass = dataClass, MinorField = minorField, Retention = keptFor,
        };
        if (!await schemas.TryInsertAsync(schema, cancellationToken).ConfigureAwait(false))
        {
            // Another caller defined the same version first.
            var winner = await schemas.FindAsync(tenant, name, 0, cancellationToken).ConfigureAwait(false);
            throw DomainErrors.SchemaVersionMismatch(name, expectedVersion, winner?.Version ?? schema.Version);
        }

        return schema;
    }

    public async Task<CollectionSchema> GetAsync(string? tenantId, string? collection, int version, CancellationToken cancellationToken)
    {
        var tenant = Identifiers.TenantId(tenantId);
        var name = Identifiers.Name(collection, "collection");
        if (version < 0)
        {
            throw DomainErrors.Invalid("version", "must be 0 (current) or a positive version");
        }

        // A numbered version never changes; the newest is evicted on every replica when a new one is defined.
        return await cache.GetOrLoadAsync(MetadataKind.Schema, InvalidatingSchemaRepository.SchemaId(tenant, name, version),
                ct => schemas.FindAsync(tenant, name, version, ct), cancellationToken).ConfigureAwait(false)
            ?? throw DomainErrors.SchemaNotFound(name, version);
    }

    public async Task<IReadOnlyList<CollectionSchema>> ListAsync(string? tenantId, CancellationToken cancellationToken)
    {
        var tenant = Identifiers.TenantId(tenantId);
        if (await tenants.FindAsync(tenant, cancellationToken).ConfigureAwait(false) is null)
        {
            throw DomainErrors.TenantNotFound(tenant);
        }

        return await schemas.ListLatestAsync(tenant, cancellationToken).ConfigureAwait(false);
    }

    private async Task RequireActiveTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        var tenant = await tenants.FindAsync(tenantId, cancellationToken).ConfigureAwait(false) ?? throw DomainErrors.TenantNotFound(tenantId);
        tenant.RequireActive();
    }

    private static IEnumerable<(string Purpose, string Field)> Named(IReadOnlyList<string> purposes, int field, string list) =>
        purposes.Select((p, j) => (p, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"fields[{field}].{list}[{j}]")));
}
