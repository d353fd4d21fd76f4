using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Rotation;
using ProcessorGateway.Core.Tenants;

namespace ProcessorGateway.Server.Keys;

/// <summary>
/// Moves every tenant's keys and records to its current data-key version, a batch at a time, and retires
/// old versions. Resumable by construction: each pass does whatever storage still names an old key.
/// </summary>
internal sealed partial class KeyRotationJob(
    KeyRotationService rotation, Audit.JobAuditor audit, ITenantRepository tenants, IOptions<KeyRotationOptions> options, TimeProvider time, ILogger<KeyRotationJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                foreach (var tenantId in await tenants.ListIdsAsync(stoppingToken).ConfigureAwait(false))
                {
                    var (keys, records, retired) = await rotation.ContinueAsync(tenantId, stoppingToken).ConfigureAwait(false);
                    if (keys + records + retired > 0)
                    {
                        LogProgress(logger, tenantId, keys, records, retired);
                        await audit.RecordAsync(Audit.JobAuditor.KeyRotation, tenantId, null, stoppingToken).ConfigureAwait(false);
                    }
                }
            }
            catch (DomainException e) when (e.Kind is DomainErrorKind.Unavailable or DomainErrorKind.FailedPrecondition)
            {
                LogSkipped(logger, e.Kind);
            }
        }
    }

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "Key rotation of tenant {TenantId}: {Keys} subject keys rewrapped, {Records} records re-encrypted, {Retired} old versions retired")]
    private static partial void LogProgress(ILogger logger, string tenantId, int keys, int records, int retired);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Warning, Message = "Key rotation pass stopped early ({Kind}); the next pass resumes")]
    private static partial void LogSkipped(ILogger logger, DomainErrorKind kind);
}
