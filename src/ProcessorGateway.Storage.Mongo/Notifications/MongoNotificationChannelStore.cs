using MongoDB.Driver;
using ProcessorGateway.Core.Notifications;

namespace ProcessorGateway.Storage.Mongo.Notifications;

/// <summary>Tenants' notification channels in <c>notification_channels</c>.</summary>
internal sealed class MongoNotificationChannelStore(MongoContext context) : INotificationChannelStore
{
    public const string CollectionName = "notification_channels";

    private IMongoCollection<ChannelsDocument> Collection => context.Database.GetCollection<ChannelsDocument>(CollectionName);

    public async Task<TenantChannels?> FindAsync(string tenantId, CancellationToken cancellationToken)
    {
        var found = await MongoErrors.GuardAsync(() => Collection.Find(d => d.TenantId == tenantId).FirstOrDefaultAsync(cancellationToken)).ConfigureAwait(false);
        return found is null
            ? null
            : new TenantChannels(found.TenantId, found.WebhookUrl is null ? null : new Uri(found.WebhookUrl), found.EmailRecipients, found.WrappedWebhookSecret);
    }

    public Task<long?> DeleteTenantWhenDrainedAsync(string tenantId, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync<long?>(async () =>
        {
            // Read from the outbox's own collection: open is neither delivered nor given up, as the outbox marks them.
            var outbox = context.Database.GetCollection<OutboxDocument>(MongoNotificationOutbox.CollectionName);
            if (await outbox.Find(d => d.TenantId == tenantId && d.DeliveredAt == null && d.GaveUpAt == null).AnyAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            return (await Collection.DeleteManyAsync(d => d.TenantId == tenantId, cancellationToken).ConfigureAwait(false)).DeletedCount;
        });

    public Task SaveAsync(TenantChannels channels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var document = new ChannelsDocument
        {
            TenantId = channels.TenantId, WebhookUrl = channels.WebhookUrl?.AbsoluteUri, EmailRecipients = [.. channels.EmailRecipients],
            WrappedWebhookSecret = channels.WrappedWebhookSecret,
        };
        return MongoErrors.GuardAsync(() => Collection.ReplaceOneAsync(d => d.TenantId == channels.TenantId, document, new ReplaceOptions { IsUpsert = true }, cancellationToken));
    }
}
