namespace ProcessorGateway.Core.Keys;

/// <summary>
/// A key as stored: its name and its wrapped bytes, never the plaintext. Tenant keys are wrapped by
/// the root key ring; a subject key (and a retained key) is wrapped by its tenant's data key, named in <see cref="WrappedBy"/>.
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
    /// <summary>What the tenant key's wrapping binds this key to: its subject, or for a retained or contact key its own id.</summary>
    public string WrapBinding => Kind switch
    {
        KeyKind.Retained => RetainedBinding(Reference.Id),
        KeyKind.Contact => ContactBinding(Reference.Id),
        _ => SubjectId ?? throw new InvalidOperationException("a subject key names its subject"),
    };

    public static string RetainedBinding(Guid keyId) => $"retained:{keyId:N}";

    public static string ContactBinding(Guid keyId) => $"contact:{keyId:N}";

    public override string ToString() => $"wrapped {Kind} {Reference} of tenant {TenantId}";
}
