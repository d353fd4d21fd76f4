using MongoDB.Driver;
using ProcessorGateway.Core.Notifications;
using static ProcessorGateway.Storage.Mongo.Erasure.ErasureRequestMapping;

namespace ProcessorGateway.Storage.Mongo.Notifications;

/// <summary>
/// The outbox in <c>notification_outbox</c>. A claim is one FindOneAndUpdate that sets a lease, so a
/// message is sent by one replica at a time; results are written only by the lease holder.
/// </summary>
internal sealed class MongoNotificationOutbox(MongoContext context) : INotificationOutbox
{
    public const string CollectionName = "notification_outbox";

    private static readonly FilterDefinitionBuilder<OutboxDocument> F = Builders<OutboxDocument>.Filter;

    internal IMongoCollection<OutboxDocument> Collection => context.Database.GetCollection<OutboxDocument>(CollectionName);

    public Task EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return MongoErrors.TryInsertAsync(Collection, new OutboxDocument
        {
            Id = message.MessageId, TenantId = message.TenantId, Channel = (int)message.Channel, EventType = message.EventType, Subject = message.Subject,
            Body = message.Body, CreatedAt = message.CreatedAt.UtcDateTime, NextAttemptAt = message.NextAttemptAt.UtcDateTime,
        }, cancellationToken);
    }

    public async Task<OutboxMessage?> ClaimAsync(DateTimeOffset now, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var at = now.UtcDateTime;
        var filter = F.Exists(d => d.DeliveredAt, exists: false) & F.Exists(d => d.GaveUpAt, exists: false) & F.Lte(d => d.NextAttemptAt, at)
            & (F.Exists(d => d.LeaseUntil, exists: false) | F.Lt(d => d.LeaseUntil, at));
        var update = Builders<OutboxDocument>.Update.Set(d => d.LeaseOwner, owner).Set(d => d.LeaseUntil, leaseUntil.UtcDateTime);
        var claimed = await MongoErrors.GuardAsync(() => Collection.FindOneAndUpdateAsync(filter, update, new FindOneAndUpdateOptions<OutboxDocument>
        {
            ReturnDocument = ReturnDocument.After, Sort = Builders<OutboxDocument>.Sort.Ascending(d => d.NextAttemptAt),
        }, cancellationToken)).ConfigureAwait(false);
        return claimed is null
            ? null
            : new OutboxMessage(claimed.Id, claimed.TenantId, (NotificationChannel)claimed.Channel, claimed.EventType, claimed.Subject, claimed.Body, At(claimed.CreatedAt))
            {
                Attempts = claimed.Attempts, NextAttemptAt = At(claimed.NextAttemptAt), LastError = claimed.LastError,
            };
    }

    public Task MarkDeliveredAsync(string messageId, string owner, DateTimeOffset at, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(() => Collection.UpdateOneAsync(F.Eq(d => d.Id, messageId) & F.Eq(d => d.LeaseOwner, owner),
            Builders<OutboxDocument>.Update.Set(d => d.DeliveredAt, at.UtcDateTime).Inc(d => d.Attempts, 1).Unset(d => d.LeaseOwner).Unset(d => d.LeaseUntil),
            cancellationToken: cancellationToken));

    public Task MarkFailedAsync(string messageId, string owner, int attempts, DateTimeOffset? nextAttemptAt, string error, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var update = Builders<OutboxDocument>.Update.Set(d => d.Attempts, attempts).Set(d => d.LastError, error).Unset(d => d.LeaseOwner).Unset(d => d.LeaseUntil);
        update = nextAttemptAt is { } next ? update.Set(d => d.NextAttemptAt, next.UtcDateTime) : update.Set(d => d.GaveUpAt, at.UtcDateTime);
        return MongoErrors.GuardAsync(() => Collection.UpdateOneAsync(F.Eq(d => d.Id, messageId) & F.Eq(d => d.LeaseOwner, owner), update, cancellationToken: cancellationToken));
    }
}
