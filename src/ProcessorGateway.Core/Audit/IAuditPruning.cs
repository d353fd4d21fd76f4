namespace ProcessorGateway.Core.Audit;

/// <summary>
/// Storage port for audit retention: blocks are removed whole, from the start of a chain only, after the prune
/// point that lets the rest verify is recorded. Both steps are idempotent, so any replica may run them at any time.
/// </summary>
public interface IAuditPruning
{
    /// <summary>
    /// The blocks from the start of the chain whose every event is older than <paramref name="before"/>, up to the
    /// first that is not or that <paramref name="held"/> keeps, at most <paramref name="maxBlocks"/>; <c>null</c>: none.
    /// </summary>
    Task<AuditPrunePlan?> PlanAsync(
        string chainId, DateTimeOffset before, Func<ChainedAuditEvent, bool> held, int maxBlocks, CancellationToken cancellationToken);

    /// <summary>Records <paramref name="point"/> (unless one further on is recorded), then deletes every block up to it.</summary>
    /// <returns>How many blocks were deleted.</returns>
    Task<long> PruneAsync(AuditPrunePoint point, CancellationToken cancellationToken);

    /// <summary>The tenant's own retention; <c>null</c>: the deployment's default applies.</summary>
    Task<AuditRetentionSetting?> FindSettingAsync(string tenantId, CancellationToken cancellationToken);

    Task SaveSettingAsync(AuditRetentionSetting setting, CancellationToken cancellationToken);

    /// <summary>Returns the tenant to the deployment's default.</summary>
    Task DeleteSettingAsync(string tenantId, CancellationToken cancellationToken);
}
