using ProcessorGateway.Core.Audit;
using ProcessorGateway.Core.Keys;

namespace ProcessorGateway.Storage.Mongo.Tests.Audit;

/// <summary>Subject keys for storage tests whose events name subjects in clear (as older events do): there are none.</summary>
internal sealed class NoSubjectKeys : IAuditSubjectKeys
{
    public static readonly NoSubjectKeys Instance = new();

    public Task<KeyMaterial?> FindAsync(string tenantId, string subjectId, bool create, CancellationToken cancellationToken) => Task.FromResult<KeyMaterial?>(null);

    public Task<KeyMaterial?> FindAsync(string tenantId, KeyReference key, CancellationToken cancellationToken) => Task.FromResult<KeyMaterial?>(null);
}
