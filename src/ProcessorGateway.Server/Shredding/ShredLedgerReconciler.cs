using ProcessorGateway.Core.Shredding;

namespace ProcessorGateway.Server.Shredding;

/// <summary>
/// At start-up, before the gateway takes calls: deletes again every key the shred ledger names, so a
/// key vault restored from a backup older than a shred never serves that key.
/// </summary>
internal sealed class ShredLedgerReconciler(ShredService shredder, Audit.JobAuditor audit, ILogger<ShredLedgerReconciler> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var (checkedCount, deleted) = await shredder.ReconcileAsync(cancellationToken).ConfigureAwait(false);
        GatewayLog.ShredLedgerReconciled(logger, checkedCount, deleted);
        if (deleted > 0)
        {
            await audit.RecordAsync(Audit.JobAuditor.ShredReconcile, null, null, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
