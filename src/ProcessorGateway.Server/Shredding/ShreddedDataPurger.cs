using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Shredding;

namespace ProcessorGateway.Server.Shredding;

/// <summary>
/// Runs the purge of shredded data on a timer. Every replica may run it: deletes are idempotent and the
/// purge log keeps one entry per tombstone; leader election can come with more jobs.
/// </summary>
internal sealed partial class ShreddedDataPurger(
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
                    LogPurged(logger, entry.KeyId, entry.TenantId, entry.RecordsRemoved);
                    await audit.RecordAsync(Audit.JobAuditor.Purge, entry.TenantId, entry.SubjectId, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (DomainException e) when (e.Kind == DomainErrorKind.Unavailable)
            {
                LogSkipped(logger);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Purged the data of shredded key {KeyId} of tenant {TenantId}: {Count} records removed")]
    private static partial void LogPurged(ILogger logger, Guid keyId, string tenantId, long count);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "Purge skipped: storage unavailable; next try at the next interval")]
    private static partial void LogSkipped(ILogger logger);
}
