namespace ProcessorGateway.Core.Keys;

/// <summary>
/// A key as stored: its name and its wrapped bytes, never the plaintext. Tenant keys are wrapped by
/// the root key ring; a subject key is wrapped by its tenant's data key, named in <see cref="WrappedBy"/>.
/// </summary>
public sealed record WrappedKey(
    string TenantId,
    KeyKind Kind,
    KeyReference Reference,
    byte[] Wrapped,
    DateTimeOffset CreatedAt,
    string? SubjectId = null,
    KeyReference? WrappedBy = null)
{
    public override string ToString() => $"wrapped {Kind} {Reference} of tenant {TenantId}";
}
