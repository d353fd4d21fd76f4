using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Shredding;

namespace ProcessorGateway.Server.Shredding;

/// <summary>
/// Runs the purge of shredded data on a timer. Every replica may run it: deletes are idempotent and the
/// purge log keeps one entry per tombstone; leader election can come with more jobs.
/// </summary>
internal sealed class ShreddedDataPurger(
    PurgeService purger, Audit.JobAuditor audit, IOptions<PurgeOptions> options, TimeProvider time, ILogger<ShreddedDataPurger> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                foreach (var entry in await purger.PurgeAsync(options.Value.Delay, stoppingToken).ConfigureAwait(false))
                {
                    GatewayLog.ShreddedDataPurged(logger, entry.KeyId, entry.TenantId, entry.RecordsRemoved);
                    await audit.RecordAsync(Audit.JobAuditor.Purge, entry.TenantId, entry.SubjectId, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (DomainException e) when (e.Kind == DomainErrorKind.Unavailable)
            {
                GatewayLog.ShreddedDataPurgeSkipped(logger);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
