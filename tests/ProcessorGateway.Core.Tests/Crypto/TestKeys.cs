using System.Security.Cryptography;
using ProcessorGateway.Core.Crypto;
using ProcessorGateway.Core.Keys;

namespace ProcessorGateway.Core.Tests.Crypto;

internal static class TestKeys
{
    public const string Tenant = "tenant-a";

    public static readonly FieldContext Context = new(Tenant, "students", "rec-0001", "email", 3);

    public static KeyMaterial Data(string tenantId = Tenant) =>
        KeyMaterial.Generate(tenantId, KeyKind.Data, new KeyReference(Guid.NewGuid(), 1));

    public static KeyMaterial Index(string tenantId = Tenant) =>
        KeyMaterial.Generate(tenantId, KeyKind.Index, new KeyReference(Guid.NewGuid(), 1));

    /// <summary>A key with the same name as <paramref name="key"/> but other bytes.</summary>
    public static KeyMaterial Impostor(KeyMaterial key) =>
        new(key.TenantId, key.Kind, key.Reference, RandomNumberGenerator.GetBytes(KeyMaterial.KeySizeBytes));
}
