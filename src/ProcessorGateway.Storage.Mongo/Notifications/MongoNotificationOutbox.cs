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
    private static readonly SortDefinition<OutboxDocument> OldestFirst = Builders<OutboxDocument>.Sort.Ascending(d => d.CreatedAt).Ascending(d => d.Id);

    internal IMongoCollection<OutboxDocument> Collection => context.Database.GetCollection<OutboxDocument>(CollectionName);

    public Task EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return MongoErrors.TryInsertAsync(Collection, new OutboxDocument
        {
            Id = message.MessageId, TenantId = message.TenantId, Channel = (int)message.Channel, EventType = message.EventType, Subject = message.Subject,
            Body = message.Body, CreatedAt = message.CreatedAt.UtcDateTime, NextAttemptAt = message.NextAttemptAt.UtcDateTime, RequestId = message.RequestId,
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
        return claimed is null ? null : ToMessage(claimed);
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

    public async Task<OutboxMessage?> FindAsync(string tenantId, string messageId, CancellationToken cancellationToken)
    {
        var found = await MongoErrors.GuardAsync(() => Collection.Find(F.Eq(d => d.Id, messageId) & F.Eq(d => d.TenantId, tenantId))
            .FirstOrDefaultAsync(cancellationToken)).ConfigureAwait(false);
        return found is null ? null : ToMessage(found);
    }

    public Task<IReadOnlyList<OutboxMessage>> ListForRequestAsync(string tenantId, string requestId, CancellationToken cancellationToken) =>
        ListAsync(F.Eq(d => d.TenantId, tenantId) & F.Eq(d => d.RequestId, requestId), 100, cancellationToken);

    public Task<IReadOnlyList<OutboxMessage>> ListGivenUpAsync(string tenantId, Core.Paging.TimedPosition? after, int limit, CancellationToken cancellationToken)
    {
        var filter = F.Eq(d => d.TenantId, tenantId) & F.Exists(d => d.GaveUpAt);
        if (after is not null)
        {
            var at = after.At.UtcDateTime;
            filter &= F.Gt(d => d.CreatedAt, at) | (F.Eq(d => d.CreatedAt, at) & F.Gt(d => d.Id, after.Id));
        }

        return ListAsync(filter, limit, cancellationToken);
    }

    public async Task<bool> RequeueAsync(string tenantId, string messageId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var update = Builders<OutboxDocument>.Update.Set(d => d.Attempts, 0).Set(d => d.NextAttemptAt, now.UtcDateTime).Unset(d => d.GaveUpAt);
        var result = await MongoErrors.GuardAsync(() => Collection.UpdateOneAsync(
            F.Eq(d => d.Id, messageId) & F.Eq(d => d.TenantId, tenantId) & F.Exists(d => d.GaveUpAt), update, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return result.ModifiedCount > 0;
    }

    public Task<IReadOnlyList<OutboxMessage>> ListAddressesToDestroyAsync(DateTimeOffset gaveUpBefore, int limit, CancellationToken cancellationToken) =>
        ListAsync(F.Eq(d => d.Channel, (int)NotificationChannel.Requester) & F.Exists(d => d.AddressDestroyedAt, exists: false)
            & (F.Lt(d => d.GaveUpAt, gaveUpBefore.UtcDateTime) | F.Exists(d => d.DeliveredAt)), limit, cancellationToken);

    public Task MarkAddressDestroyedAsync(string messageId, DateTimeOffset at, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(() => Collection.UpdateOneAsync(F.Eq(d => d.Id, messageId),
            Builders<OutboxDocument>.Update.Set(d => d.AddressDestroyedAt, at.UtcDateTime), cancellationToken: cancellationToken));

    private Task<IReadOnlyList<OutboxMessage>> ListAsync(FilterDefinition<OutboxDocument> filter, int limit, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            var documents = await Collection.Find(filter).Sort(OldestFirst).Limit(limit).ToListAsync(cancellationToken).ConfigureAwait(false);
            IReadOnlyList<OutboxMessage> messages = documents.Select(ToMessage).ToList();
            return messages;
        });

    private static OutboxMessage ToMessage(OutboxDocument d) =>
        new(d.Id, d.TenantId, (NotificationChannel)d.Channel, d.EventType, d.Subject, d.Body, At(d.CreatedAt))
        {
            RequestId = d.RequestId, Attempts = d.Attempts, NextAttemptAt = At(d.NextAttemptAt), DeliveredAt = At(d.DeliveredAt), GaveUpAt = At(d.GaveUpAt),
            LastError = d.LastError, AddressDestroyedAt = At(d.AddressDestroyedAt),
        };
}
