namespace ProcessorGateway.Core.Keys;

/// <summary>A key as stored: its name and its bytes wrapped by the root key ring. Never the plaintext.</summary>
public sealed record WrappedKey(
    string TenantId,
    KeyKind Kind,
    KeyReference Reference,
    byte[] Wrapped,
    DateTimeOffset CreatedAt)
{
    public override string ToString() => $"wrapped {Kind} {Reference} of tenant {TenantId}";
}
