using ProcessorGateway.Core.Audit;
using ProcessorGateway.Core.Keys;

namespace ProcessorGateway.Core.Tests.Audit;

/// <summary>
/// A small substitute for the subject keys: one key per subject of one tenant, made on first use only when asked,
/// and destroyed by <see cref="Shred"/>. Records which lookups asked to create a key.
/// </summary>
internal sealed class SubjectKeysInMemory(string tenantId = "tenant-a") : IAuditSubjectKeys
{
    private readonly Dictionary<string, KeyMaterial> _keys = new(StringComparer.Ordinal);

    public List<(string SubjectId, bool Create)> Lookups { get; } = [];

    public Task<KeyMaterial?> FindAsync(string tenantId1, string subjectId, bool create, CancellationToken cancellationToken)
    {
        Lookups.Add((subjectId, create));
        if (tenantId1 != tenantId)
        {
            return Task.FromResult<KeyMaterial?>(null);
        }

        if (!_keys.TryGetValue(subjectId, out var key) && create)
        {
            key = KeyMaterial.Generate(tenantId, KeyKind.Subject, new KeyReference(Guid.NewGuid(), 1), subjectId);
            _keys[subjectId] = key;
        }

        return Task.FromResult(key is null || !key.TryAddReference() ? null : key);
    }

    public Task<KeyMaterial?> FindAsync(string tenantId1, KeyReference key, CancellationToken cancellationToken)
    {
        var found = tenantId1 == tenantId ? _keys.Values.FirstOrDefault(k => k.Reference == key) : null;
        return Task.FromResult(found is null || !found.TryAddReference() ? null : found);
    }

    public void Shred(string subjectId)
    {
        if (_keys.Remove(subjectId, out var key))
        {
            key.Dispose();
        }
    }
}
