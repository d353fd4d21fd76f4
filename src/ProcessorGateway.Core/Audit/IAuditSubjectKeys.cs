using ProcessorGateway.Core.Keys;

namespace ProcessorGateway.Core.Audit;

/// <summary>
/// Port: the subject keys the audit log names subjects with. <c>null</c> means the subject cannot be named
/// (no key and none to be created, erased, or its tenant gone); an outage throws UNAVAILABLE, so an event
/// is never written with a subject silently left out for want of a key store.
/// </summary>
public interface IAuditSubjectKeys
{
    /// <summary>The subject's key; created on first use only when <paramref name="create"/> is set.</summary>
    Task<KeyMaterial?> FindAsync(string tenantId, string subjectId, bool create, CancellationToken cancellationToken);

    /// <summary>The subject key a reference names, while it exists.</summary>
    Task<KeyMaterial?> FindAsync(string tenantId, KeyReference key, CancellationToken cancellationToken);
}
