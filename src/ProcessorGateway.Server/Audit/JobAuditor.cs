using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Audit;
using ProcessorGateway.Storage.Mongo.Audit;

namespace ProcessorGateway.Server.Audit;

/// <summary>
/// Audit events for background jobs that touch data (purge, key rotation, shred-ledger reconciliation):
/// the actor is the job (<c>job:purge</c>...), the tenant and subject it worked on. A job whose event
/// cannot be written stops its pass with UNAVAILABLE, as a call would, and resumes at the next one.
/// </summary>
internal sealed class JobAuditor(IAuditLog log, IOptions<AuditOptions> options, TimeProvider time)
{
    public const string Purge = "purge";
    public const string KeyRotation = "key-rotation";
    public const string ShredReconcile = "shred-reconcile";

    public Task RecordAsync(string job, string? tenantId, string? subjectId, CancellationToken cancellationToken) =>
        !options.Value.Enabled
            ? Task.CompletedTask
            : log.AppendAsync(new AuditEntry(
                Guid.NewGuid().ToString("N"), time.GetUtcNow(), $"job:{job}", tenantId, null, $"job.{job}", [], subjectId is null ? [] : [subjectId], [],
                AuditOutcome.Succeeded, "OK", null, null, null), cancellationToken);
}
