namespace ProcessorGateway.Core.Keys;

/// <summary>
/// Port to the root of the key hierarchy. An adapter wraps with ASP.NET Core Data Protection (or,
/// later, a KMS); the wrapping is bound to the tenant and the key kind, so a wrapped key moved to
/// another tenant does not unwrap.
/// </summary>
public interface IKeyWrapper
{
    byte[] Wrap(string tenantId, KeyKind kind, KeyReference reference, ReadOnlySpan<byte> key);

    /// <summary>Returns the key bytes; throws <see cref="System.Security.Cryptography.CryptographicException"/> if they cannot be unwrapped.</summary>
    byte[] Unwrap(string tenantId, KeyKind kind, KeyReference reference, byte[] wrapped);
}
