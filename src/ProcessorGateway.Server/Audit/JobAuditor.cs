using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Audit;
using ProcessorGateway.Storage.Mongo.Audit;

namespace ProcessorGateway.Server.Audit;

/// <summary>
/// Audit events for background jobs that touch data (purge, key rotation, shred-ledger reconciliation, erasure):
/// the actor is the job (<c>job:purge</c>...), the tenant and subject it worked on, the subject named by reference
/// under its key. A job whose event cannot be written stops its pass with UNAVAILABLE, as a call would, and
/// resumes at the next one.
/// </summary>
internal sealed class JobAuditor(IAuditLog log, AuditSubjects subjects, IOptions<AuditOptions> options, TimeProvider time)
{
    public const string Purge = "purge";
    public const string KeyRotation = "key-rotation";
    public const string ShredReconcile = "shred-reconcile";
    public const string Erasure = "erasure";
    public const string Retention = "retention";

    /// <summary>A subject named when the event is written: one whose key is gone by then is counted, not named.</summary>
    public async Task RecordAsync(string job, string? tenantId, string? subjectId, CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            await RecordAsync(job, tenantId, await NameAsync(tenantId, subjectId, cancellationToken).ConfigureAwait(false), [], cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Names the subject now, while its key exists: for a job that destroys the key (an erasure's execution)
    /// before it writes its event. Creates no key.
    /// </summary>
    public Task<SubjectNames> NameAsync(string? tenantId, string? subjectId, CancellationToken cancellationToken) =>
        !options.Value.Enabled || subjectId is null
            ? Task.FromResult(SubjectNames.None)
            : subjects.NameAsync(tenantId, [subjectId], createKeys: false, cancellationToken);

    /// <param name="recordIds">Ids of what the job worked on, e.g. the erasure request it executed.</param>
    public Task RecordAsync(string job, string? tenantId, SubjectNames named, IReadOnlyList<string> recordIds, CancellationToken cancellationToken) =>
        RecordAsync(job, tenantId, named, recordIds, [], cancellationToken);

    /// <summary>Subjects named when the event is written, as <see cref="RecordAsync(string, string?, string?, CancellationToken)"/> does one.</summary>
    public async Task<SubjectNames> NameAsync(string tenantId, IReadOnlyCollection<string> subjectIds, CancellationToken cancellationToken) =>
        !options.Value.Enabled || subjectIds.Count == 0
            ? SubjectNames.None
            : await subjects.NameAsync(tenantId, subjectIds, createKeys: false, cancellationToken).ConfigureAwait(false);

    /// <param name="fields">Names of the fields the job worked on (never their values).</param>
    public Task RecordAsync(
        string job, string? tenantId, SubjectNames named, IReadOnlyList<string> recordIds, IReadOnlyList<string> fields, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(named);
        return !options.Value.Enabled
            ? Task.CompletedTask
            : log.AppendAsync(new AuditEntry(
                Guid.NewGuid().ToString("N"), time.GetUtcNow(), $"job:{job}", tenantId, null, $"job.{job}", recordIds, [], fields,
                AuditOutcome.Succeeded, "OK", null, null, null)
            {
                SubjectRefs = named.References,
                UnnamedSubjects = named.Unnamed,
            }, cancellationToken);
    }
}
