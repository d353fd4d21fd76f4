using Microsoft.Extensions.Options;
using ProcessorGateway.Storage.Mongo.Audit;

namespace ProcessorGateway.Server.Audit;

/// <summary>
/// Writes the counted unauthenticated refusals every <c>Gateway:Audit:UnauthenticatedInterval</c>, and once more when
/// the gateway stops (after Kestrel has stopped taking calls, before the audit log closes), so no count is left behind.
/// </summary>
internal sealed class UnauthenticatedRefusalFlushJob(UnauthenticatedRefusalRecorder refusals, IOptions<AuditOptions> options, TimeProvider time)
    : BackgroundService
{
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await refusals.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.UnauthenticatedInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await refusals.FlushAsync(stoppingToken).ConfigureAwait(false);
        }
    }
}
