namespace ProcessorGateway.Core.Notifications;

/// <summary>Storage port for tenants' notification channels.</summary>
public interface INotificationChannelStore
{
    Task<TenantChannels?> FindAsync(string tenantId, CancellationToken cancellationToken);

    Task SaveAsync(TenantChannels channels, CancellationToken cancellationToken);
}
