namespace ProcessorGateway.Core.Notifications;

/// <summary>Storage port for tenants' notification channels.</summary>
public interface INotificationChannelStore
{
    Task<TenantChannels?> FindAsync(string tenantId, CancellationToken cancellationToken);

    Task SaveAsync(TenantChannels channels, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the tenant's channels (offboarding) once nothing is left to deliver to them: only when the tenant has no
    /// message in the outbox that is neither delivered nor given up.
    /// </summary>
    /// <returns>How many were deleted (0 or 1), or <c>null</c> when messages still wait and the channels were kept.</returns>
    Task<long?> DeleteTenantWhenDrainedAsync(string tenantId, CancellationToken cancellationToken);
}
