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
