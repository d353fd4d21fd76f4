using ProcessorGateway.Core.Shredding;

namespace ProcessorGateway.Server.Shredding;

/// <summary>
/// At start-up, before the gateway takes calls: deletes again every key the shred ledger names, so a
/// key vault restored from a backup older than a shred never serves that key.
/// </summary>
internal sealed partial class ShredLedgerReconciler(ShredService shredder, Audit.JobAuditor audit, ILogger<ShredLedgerReconciler> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var (checkedCount, deleted) = await shredder.ReconcileAsync(cancellationToken).ConfigureAwait(false);
        LogReconciled(logger, checkedCount, deleted);
        if (deleted > 0)
        {
            await audit.RecordAsync(Audit.JobAuditor.ShredReconcile, null, null, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Shred ledger reconciled: {Checked} tombstones checked, {Deleted} restored keys deleted again")]
    private static partial void LogReconciled(ILogger logger, long @checked, long deleted);
}
