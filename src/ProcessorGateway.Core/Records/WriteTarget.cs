using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Tenants;

namespace ProcessorGateway.Core.Records;

/// <summary>Where a write goes, resolved: the active tenant, the collection's current schema, the checked record id and idempotency key.</summary>
internal sealed record WriteTarget(Tenant Tenant, CollectionSchema Schema, string RecordId, string? IdempotencyKey);
