using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Rotation;
using ProcessorGateway.Core.Tenants;

namespace ProcessorGateway.Server.Keys;

/// <summary>
/// Moves every tenant's keys and records to its current data-key version, a batch at a time, and retires
/// old versions. Resumable by construction: each pass does whatever storage still names an old key.
/// </summary>
internal sealed class KeyRotationJob(
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
                        GatewayLog.KeyRotationProgress(logger, tenantId, keys, records, retired);
                        await audit.RecordAsync(Audit.JobAuditor.KeyRotation, tenantId, null, stoppingToken).ConfigureAwait(false);
                    }
                }
            }
            catch (DomainException e) when (e.Kind is DomainErrorKind.Unavailable or DomainErrorKind.FailedPrecondition)
            {
                GatewayLog.KeyRotationStoppedEarly(logger, e.Kind);
            }
        }
    }
}
