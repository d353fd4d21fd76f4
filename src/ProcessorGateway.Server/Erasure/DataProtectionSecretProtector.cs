using Microsoft.AspNetCore.DataProtection;
using ProcessorGateway.Core.Notifications;

namespace ProcessorGateway.Server.Erasure;

/// <summary>Wraps tenants' secrets with the Data Protection key ring (the root of the key hierarchy), bound to tenant and purpose.</summary>
internal sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    private const string RootPurpose = "ProcessorGateway.TenantSecret.v1";

    public byte[] Protect(string tenantId, string purpose, byte[] secret) => provider.CreateProtector(RootPurpose, tenantId, purpose).Protect(secret);

    public byte[] Unprotect(string tenantId, string purpose, byte[] wrapped) => provider.CreateProtector(RootPurpose, tenantId, purpose).Unprotect(wrapped);
}
