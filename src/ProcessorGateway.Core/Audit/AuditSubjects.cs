using System.Security.Cryptography;
using ProcessorGateway.Core.Keys;

namespace ProcessorGateway.Core.Audit;

/// <summary>
/// Names data subjects in audit events by <see cref="SubjectReference"/>s, never in clear, and finds them
/// again: a query by subject looks for the subject's token, which only its key reproduces, so once the key is
/// destroyed the subject's events are found by nobody. Nothing here creates a key unless the writer asks.
/// </summary>
public sealed class AuditSubjects(IAuditSubjectKeys keys)
{
    /// <summary>References under the subjects' keys in <paramref name="tenantId"/>, the tenant the call was authorised for.</summary>
    /// <param name="createKeys">Only for a call that succeeded: a refused or failed one writes nothing, a key included.</param>
    public async Task<SubjectNames> NameAsync(string? tenantId, IReadOnlyCollection<string> subjectIds, bool createKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subjectIds);
        if (subjectIds.Count == 0)
        {
            return SubjectNames.None;
        }

        if (tenantId is null)
        {
            return new SubjectNames([], subjectIds.Count);
        }

        var references = new List<SubjectReference>(subjectIds.Count);
        foreach (var subjectId in subjectIds)
        {
            using var key = await keys.FindAsync(tenantId, subjectId, createKeys, cancellationToken).ConfigureAwait(false);
            if (key is not null)
            {
                references.Add(SubjectReferenceCipher.Create(key));
            }
        }

        return new SubjectNames(references, subjectIds.Count - references.Count);
    }

    /// <summary>The subject's lookup token, or <c>null</c> when it has no key (none yet, or erased); never creates one.</summary>
    public async Task<byte[]?> TokenAsync(string tenantId, string subjectId, CancellationToken cancellationToken)
    {
        using var key = await keys.FindAsync(tenantId, subjectId, create: false, cancellationToken).ConfigureAwait(false);
        return key is null ? null : SubjectReferenceCipher.Token(key);
    }

    /// <summary>Opens each event's references with the keys that still exist, each key fetched once for the page.</summary>
    public async Task<IReadOnlyList<AuditEventView>> OpenAsync(IReadOnlyList<ChainedAuditEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var found = new Dictionary<(string Tenant, KeyReference Key), KeyMaterial?>();
        try
        {
            var views = new List<AuditEventView>(events.Count);
            foreach (var chained in events)
            {
                var entry = chained.Entry;
                var ids = new List<string>(entry.SubjectIds);
                var erased = entry.UnnamedSubjects;
                foreach (var reference in entry.SubjectRefs ?? [])
                {
                    var key = await KeyAsync(found, entry.TenantId, reference.Key, cancellationToken).ConfigureAwait(false);
                    if (key is not null && TryOpen(key, reference) is { } id)
                    {
                        ids.Add(id);
                    }
                    else
                    {
                        erased++;
                    }
                }

                views.Add(new AuditEventView(chained, ids, erased));
            }

            return views;
        }
        finally
        {
            foreach (var key in found.Values)
            {
                key?.Dispose();
            }
        }
    }

    private async Task<KeyMaterial?> KeyAsync(Dictionary<(string, KeyReference), KeyMaterial?> found, string? tenantId, KeyReference reference, CancellationToken cancellationToken)
    {
        if (tenantId is null)
        {
            return null;
        }

        if (!found.TryGetValue((tenantId, reference), out var key))
        {
            key = await keys.FindAsync(tenantId, reference, cancellationToken).ConfigureAwait(false);
            found[(tenantId, reference)] = key;
        }

        return key;
    }

    /// <summary>A reference that does not open under its key was not written by this gateway: it names no one.</summary>
    private static string? TryOpen(KeyMaterial key, SubjectReference reference)
    {
        try
        {
            return SubjectReferenceCipher.Open(key, reference);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
