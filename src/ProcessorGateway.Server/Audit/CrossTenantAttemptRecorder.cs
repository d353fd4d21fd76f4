using Grpc.Core;
using ProcessorGateway.Core.Audit;
using ProcessorGateway.Core.Tenants;

namespace ProcessorGateway.Server.Audit;

/// <summary>
/// Writes a refused cross-tenant attempt into the target tenant's chain as well as the caller's, so the target
/// sees that another tenant's client tried and what (the action), but none of the caller's data: no record ids,
/// subjects, fields, purpose, address or user agent, only the trace id that ties it to the caller's own event.
/// A tenant id that names no live tenant gets nothing, so made-up ids never grow chains.
/// </summary>
internal sealed class CrossTenantAttemptRecorder(AuditRecorder recorder, ITenantRepository tenants, TimeProvider time)
{
    /// <summary>How the caller shows in the target's chain: tenant ids never contain '/', so this reads back unambiguously.</summary>
    public static string ActorOf(string callerTenant, string clientId) => $"{callerTenant}/{clientId}";

    public async Task RecordAsync(HttpContext http, string action, string clientId, string callerTenant, IReadOnlyList<string> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(targets);
        if (!recorder.Enabled)
        {
            return;
        }

        foreach (var target in targets.Where(t => t != callerTenant))
        {
            if (await tenants.FindAsync(target, cancellationToken).ConfigureAwait(false) is not { Status: TenantStatus.Active or TenantStatus.Offboarding })
            {
                continue;
            }

            var entry = new AuditEntry(
                Guid.NewGuid().ToString("N"), time.GetUtcNow(), ActorOf(callerTenant, clientId), target, null, action, [], [], [],
                AuditOutcome.Denied, nameof(StatusCode.PermissionDenied), null, null, AuditRecorder.TraceId(http));
            await recorder.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
        }
    }
}
