using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Notifications;
using ProcessorGateway.Core.Shredding;

namespace ProcessorGateway.Server.Erasure;

/// <summary>
/// Executes the parts of erasure requests whose grace period has passed, by themselves, on every replica: each
/// claims one request at a time with a lease in MongoDB, so no request runs twice at once, and one whose executor
/// crashed is resumed when its lease lapses. Each pass also marks purged requests, erases kept records nothing keeps
/// any more, tells the tenant's channels once of each missed deadline, and refreshes the due/overdue gauges.
/// </summary>
internal sealed class ErasureJob(
    IErasureRequestStore requests, ErasureExecutor executor, KeptRecordSweep keptRecords, IPurgeLog purgeLog, NotificationService notifications,
    ErasureClock clock, ErasureMetrics metrics, Audit.JobAuditor audit, IOptions<ErasureOptions> options, ILogger<ErasureJob> logger) : BackgroundService
{
    /// <summary>Bounds one pass, so a flood of due requests cannot starve the other steps.</summary>
    private const int MaxPerPass = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The interval runs on the real clock; "due" is judged on the erasure clock.
        using var timer = new PeriodicTimer(options.Value.JobInterval, TimeProvider.System);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (DomainException e) when (e.Kind is DomainErrorKind.Unavailable or DomainErrorKind.FailedPrecondition or DomainErrorKind.NotFound)
            {
                GatewayLog.ErasureStoppedEarly(logger, e.Kind);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    internal async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < MaxPerPass; i++)
        {
            var now = clock.Now();
            var claimed = await requests.ClaimDueAsync(now, executor.Owner, now + options.Value.Lease, cancellationToken).ConfigureAwait(false);
            if (claimed is null)
            {
                break;
            }

            // Named before the execution destroys the subject's key, so its event still says whom it erased.
            var subject = await audit.NameAsync(claimed.TenantId, claimed.SubjectId, cancellationToken).ConfigureAwait(false);
            var done = await executor.ExecuteAsync(claimed, allParts: false, cancellationToken).ConfigureAwait(false);
            await audit.RecordAsync(Audit.JobAuditor.Erasure, claimed.TenantId, subject, [claimed.RequestId], cancellationToken).ConfigureAwait(false);
            GatewayLog.ErasureExecuted(logger, claimed.RequestId, claimed.TenantId, done?.State ?? ErasureState.Executing);
        }

        foreach (var executed in await requests.ListExecutedAsync(MaxPerPass, cancellationToken).ConfigureAwait(false))
        {
            if (await IsPurgedAsync(executed, cancellationToken).ConfigureAwait(false))
            {
                await requests.TryReplaceAsync(executed with { State = ErasureState.Purged, PurgedAt = clock.Now() }, executed.Version, cancellationToken)
                    .ConfigureAwait(false);
            }
        }

        // Records an erasure kept, once nothing keeps them any more.
        await keptRecords.RunAsync(MaxPerPass, cancellationToken).ConfigureAwait(false);

        foreach (var late in await requests.ListOverdueUnnotifiedAsync(clock.Now(), MaxPerPass, cancellationToken).ConfigureAwait(false))
        {
            // Queued before it is marked told: a pass cut short in between queues the same message id again, which the outbox ignores.
            var deadline = late.NextOverdueNotice!.Value;
            await notifications.NotifyOverdueAsync(late, deadline, cancellationToken).ConfigureAwait(false);
            await requests.TryReplaceAsync(late with { OverdueNotifiedFor = deadline }, late.Version, cancellationToken).ConfigureAwait(false);
        }

        var at = clock.Now();
        metrics.Update(
            await requests.CountOpenAsync(at, at + options.Value.DueSoonWindow, cancellationToken).ConfigureAwait(false),
            await requests.CountOpenAsync(null, at, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>A subject's request once each key's ciphertext is purged; a tenant's once its data key's purge (which removes every record) is logged.</summary>
    private async Task<bool> IsPurgedAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        var purged = 0;
        foreach (var key in request.KeyIds)
        {
            purged += await purgeLog.IsPurgedAsync(key, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return request.Scope == ErasureScope.Subject ? purged == request.KeyIds.Count && purged > 0 : purged > 0;
    }
}
