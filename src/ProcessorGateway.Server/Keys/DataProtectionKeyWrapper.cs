using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using ProcessorGateway.Core.Keys;

namespace ProcessorGateway.Server.Keys;

/// <summary>
/// Wraps tenant keys with the Data Protection key ring. The purpose chain names the tenant, the key
/// kind and the key id, so a wrapped key copied to another tenant or slot fails to unwrap.
/// </summary>
internal sealed class DataProtectionKeyWrapper(IDataProtectionProvider provider) : IKeyWrapper
{
    private const string RootPurpose = "ProcessorGateway.TenantKeys.v1";

    public byte[] Wrap(string tenantId, KeyKind kind, KeyReference reference, ReadOnlySpan<byte> key) =>
        Protector(tenantId, kind, reference).Protect(key.ToArray());

    public byte[] Unwrap(string tenantId, KeyKind kind, KeyReference reference, byte[] wrapped) =>
        Protector(tenantId, kind, reference).Unprotect(wrapped);

    private IDataProtector Protector(string tenantId, KeyKind kind, KeyReference reference) =>
        provider.CreateProtector(RootPurpose, tenantId, kind.ToString(), reference.Id.ToString("N"), reference.Version.ToString(CultureInfo.InvariantCulture));
}
