using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Audit;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Telemetry;
using ProcessorGateway.Core.Tenants;
using ProcessorGateway.Storage.Mongo.Audit;

namespace ProcessorGateway.Server.Audit;

/// <summary>
/// Prunes every tenant's audit chain past its retention (its own, or <c>Gateway:Audit:Retention</c>) each <c>Gateway:Audit:RetentionInterval</c>,
/// on every replica: a pass is idempotent and the prune point only moves forward (<see cref="AuditRetention"/>), so
/// replicas that run together at worst delete the same blocks twice. The operator chain names no tenant and is kept.
/// </summary>
internal sealed class AuditRetentionJob(AuditRetention retention, ITenantRepository tenants, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditRetentionJob> logger)
    : BackgroundService
{
    /// <summary>Blocks per chain in one pass: a backlog (the first pass after an upgrade) is worked off over several.</summary>
    internal const int MaxBlocksPerPass = 500;

    private static readonly Counter<long> Blocks = GatewayMeter.Meter.CreateCounter<long>("pg.audit.pruned_blocks", "{block}", "Audit blocks pruned past their tenant's retention");
    private static readonly Counter<long> Events = GatewayMeter.Meter.CreateCounter<long>("pg.audit.pruned_events", "{event}", "Audit events pruned past their tenant's retention");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.RetentionInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await PassAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    internal async Task PassAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var tenantId in await tenants.ListIdsAsync(cancellationToken).ConfigureAwait(false))
            {
                var (period, _) = await retention.PeriodAsync(tenantId, options.Value.Retention, cancellationToken).ConfigureAwait(false);
                var pruned = await retention.PruneAsync(tenantId, period, MaxBlocksPerPass, cancellationToken).ConfigureAwait(false);
                if (pruned.Blocks > 0 || pruned.StoppedAtHold)
                {
                    Blocks.Add(pruned.Blocks);
                    Events.Add(pruned.Events);
                    GatewayLog.AuditPruned(logger, tenantId, pruned.Blocks, pruned.Events, pruned.StoppedAtHold);
                }
            }
        }
        catch (DomainException e) when (e.Kind is DomainErrorKind.Unavailable)
        {
            GatewayLog.AuditPruneStoppedEarly(logger, e.Kind);
        }
    }
}
