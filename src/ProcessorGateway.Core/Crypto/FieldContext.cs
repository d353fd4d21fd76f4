namespace ProcessorGateway.Core.Crypto;

/// <summary>
/// Where a ciphertext belongs. All of it goes into the associated data, so a ciphertext copied to
/// another tenant, collection, record or field, or read under another schema version, fails to decrypt.
/// </summary>
public readonly record struct FieldContext(string TenantId, string Collection, string RecordId, string Field, int SchemaVersion);
