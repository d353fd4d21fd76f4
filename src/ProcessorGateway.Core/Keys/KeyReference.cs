namespace ProcessorGateway.Core.Keys;

/// <summary>Names a key (never its material): id and version, as written into every ciphertext header.</summary>
public readonly record struct KeyReference(Guid Id, int Version)
{
    public override string ToString() => $"key {Id:N} v{Version}";
}
