using System.Globalization;
using MongoDB.Driver;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Storage.Mongo.Schemas;

internal sealed class MongoSchemaRepository(MongoContext context) : ISchemaRepository
{
    public Task<bool> TryInsertAsync(CollectionSchema schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return MongoErrors.TryInsertAsync(context.SchemaCollection, new SchemaDocument
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"{schema.TenantId}/{schema.Collection}/{schema.Version}"),
            TenantId = schema.TenantId,
            Collection = schema.Collection,
            Version = schema.Version,
            Fields = schema.Fields.Select(f => new FieldDefinitionDocument
            {
                Name = f.Name,
                Type = (int)f.Type,
                Class = (int)f.Class,
                DataCategory = f.DataCategory,
                Purposes = [.. f.Purposes],
                RetentionDays = f.RetentionDays,
                Required = f.Required,
                AnalyticsAllowed = f.AnalyticsAllowed,
                WritePurposes = f.WritePurposes.Count == 0 ? null : [.. f.WritePurposes],
                LengthHiding = (int)f.LengthHiding,
                NameSearch = f.NameSearch,
            }).ToList(),
            CreatedAt = schema.CreatedAt.UtcDateTime,
            DataClass = (int)schema.DataClass,
            MinorField = schema.MinorField,
            RetentionDays = schema.Retention.Days,
            RetentionStart = (int)schema.Retention.Start,
            RetentionDateField = schema.Retention.DateField,
        }, cancellationToken);
    }

    public Task<CollectionSchema?> FindAsync(string tenantId, string collection, int version, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            var filter = Builders<SchemaDocument>.Filter;
            var match = filter.Eq(d => d.TenantId, tenantId) & filter.Eq(d => d.Collection, collection);
            if (version > 0)
            {
                match &= filter.Eq(d => d.Version, version);
            }

            var document = await context.SchemaCollection.Find(match).SortByDescending(d => d.Version).Limit(1)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            return document is null ? null : ToSchema(document);
        });

    public Task<IReadOnlyList<CollectionSchema>> ListVersionsAsync(string tenantId, string collection, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            var documents = await context.SchemaCollection.Find(d => d.TenantId == tenantId && d.Collection == collection)
                .SortBy(d => d.Version).ToListAsync(cancellationToken).ConfigureAwait(false);
            IReadOnlyList<CollectionSchema> versions = documents.Select(ToSchema).ToList();
            return versions;
        });

    public Task<IReadOnlyList<CollectionSchema>> ListLatestAsync(string tenantId, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            // Schemas are few per tenant; reading every version keeps to the simplest query every server supports.
            var documents = await context.SchemaCollection.Find(d => d.TenantId == tenantId).ToListAsync(cancellationToken).ConfigureAwait(false);
            IReadOnlyList<CollectionSchema> latest = documents
                .GroupBy(d => d.Collection, StringComparer.Ordinal)
                .Select(g => ToSchema(g.MaxBy(d => d.Version)!))
                .OrderBy(s => s.Collection, StringComparer.Ordinal)
                .ToList();
            return latest;
        });

    public Task<long> DeleteTenantAsync(string tenantId, CancellationToken cancellationToken) =>
        MongoErrors.DeletedCountAsync(() => context.SchemaCollection.DeleteManyAsync(d => d.TenantId == tenantId, cancellationToken));

    private static CollectionSchema ToSchema(SchemaDocument document) => new(
        document.TenantId,
        document.Collection,
        document.Version,
        document.Fields.Select(f => new FieldDefinition(
            f.Name, (FieldType)f.Type, (FieldClass)f.Class, f.DataCategory, f.Purposes, f.RetentionDays, f.Required)
        {
            AnalyticsAllowed = f.AnalyticsAllowed,
            WritePurposes = f.WritePurposes ?? [],
            LengthHiding = (LengthHiding)f.LengthHiding,
            NameSearch = f.NameSearch,
        }).ToList(),
        new DateTimeOffset(document.CreatedAt, TimeSpan.Zero))
    {
        DataClass = (DataClass)document.DataClass,
        MinorField = document.MinorField,
        Retention = document.RetentionDays == 0 && document.RetentionStart == 0 && document.RetentionDateField is null
            ? CollectionRetention.None
            : new CollectionRetention(document.RetentionDays, (RetentionStart)document.RetentionStart, document.RetentionDateField),
    };
}
