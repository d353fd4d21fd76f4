namespace ProcessorGateway.Core.Notifications;

/// <summary>Port that wraps a tenant's secrets (webhook keys) under the root key ring, bound to the tenant and a purpose.</summary>
public interface ISecretProtector
{
    byte[] Protect(string tenantId, string purpose, byte[] secret);

    byte[] Unprotect(string tenantId, string purpose, byte[] wrapped);
}
