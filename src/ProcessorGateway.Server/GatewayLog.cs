using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Server.Redis;

namespace ProcessorGateway.Server;

/// <summary>
/// The gateway's log events, ordered by event id. Ids, levels, templates and parameter names are stable:
/// dashboards and alerts key on them. Ids, names, counts and causes only: never a personal value, never key material.
/// </summary>
internal static partial class GatewayLog
{
    // gRPC pipeline: requests refused for a storage outage.

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "{Method} failed: storage unavailable ({Cause})")]
    public static partial void StorageUnavailable(ILogger logger, string method, string cause);

    [LoggerMessage(EventId = 2002, EventName = "LogOutage", Level = LogLevel.Warning, Message = "Request to {Path} refused before its service ran: {Reason}")]
    public static partial void RefusedBeforeService(ILogger logger, PathString path, string reason);

    // Development set-up.

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Development tenant {TenantId} created with every education template")]
    public static partial void DevelopmentTenantCreated(ILogger logger, string tenantId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Development tenant {TenantId} already exists")]
    public static partial void DevelopmentTenantExists(ILogger logger, string tenantId);

    // Records: idempotency key purge.

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Idempotency purge removed {Count} expired keys")]
    public static partial void IdempotencyKeysPurged(ILogger logger, long count);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Idempotency purge skipped: storage unavailable; next try in an hour")]
    public static partial void IdempotencyPurgeSkipped(ILogger logger);

    // Shredding: ledger reconciliation at start-up and the purge of shredded data.

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Shred ledger reconciled: {Checked} tombstones checked, {Deleted} restored keys deleted again")]
    public static partial void ShredLedgerReconciled(ILogger logger, long @checked, long deleted);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Purged the data of shredded key {KeyId} of tenant {TenantId}: {Count} records removed")]
    public static partial void ShreddedDataPurged(ILogger logger, Guid keyId, string tenantId, long count);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "Purge skipped: storage unavailable; next try at the next interval")]
    public static partial void ShreddedDataPurgeSkipped(ILogger logger);

    // Audit retention job.

    [LoggerMessage(EventId = 4401, Level = LogLevel.Information, Message = "Audit retention pruned {Blocks} blocks ({Events} events) from the chain of tenant {TenantId}; kept by a legal hold: {Held}")]
    public static partial void AuditPruned(ILogger logger, string tenantId, long blocks, long events, bool held);

    [LoggerMessage(EventId = 4402, Level = LogLevel.Warning, Message = "Audit retention pass stopped early ({Kind}); the next pass resumes it")]
    public static partial void AuditPruneStoppedEarly(ILogger logger, Core.Errors.DomainErrorKind kind);

    // Retention: the job that erases values and records past their retention.

    [LoggerMessage(EventId = 4501, Level = LogLevel.Information, Message = "Retention erased {Fields} field values and deleted {Records} records in tenant {TenantId}; {Suspended} due records kept by a hold or rule, {Backlog} due after the pass")]
    public static partial void RetentionExpired(ILogger logger, string tenantId, int fields, int records, int suspended, long backlog);

    [LoggerMessage(EventId = 4502, Level = LogLevel.Warning, Message = "Retention pass stopped early ({Kind}); the next pass resumes it")]
    public static partial void RetentionStoppedEarly(ILogger logger, Core.Errors.DomainErrorKind kind);

    // Keys: rotation job.

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "Key rotation of tenant {TenantId}: {Keys} subject keys rewrapped, {Records} records re-encrypted, {Retired} old versions retired")]
    public static partial void KeyRotationProgress(ILogger logger, string tenantId, int keys, int records, int retired);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Warning, Message = "Key rotation pass stopped early ({Kind}); the next pass resumes")]
    public static partial void KeyRotationStoppedEarly(ILogger logger, DomainErrorKind kind);

    // Auth: bootstrap operator client.

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Bootstrap operator client {ClientId} is registered")]
    public static partial void OperatorEnsured(ILogger logger, string clientId);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Information, Message = "Client assertion of {ClientId} refused: {Reason}")]
    public static partial void ClientAssertionRefused(ILogger logger, string clientId, string reason);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Warning, Message = "Client assertion of {ClientId} refused: its jti could not be checked for replay ({Cause})")]
    public static partial void ClientAssertionReplayUnchecked(ILogger logger, string clientId, string cause);

    // Erasure: request execution and notification delivery.

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Erasure request {RequestId} of tenant {TenantId} ran: now {State}")]
    public static partial void ErasureExecuted(ILogger logger, string requestId, string tenantId, ErasureState state);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Erasure pass stopped early ({Kind}); the next pass resumes")]
    public static partial void ErasureStoppedEarly(ILogger logger, DomainErrorKind kind);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "Notification delivery skipped: storage unavailable; next try at the next interval")]
    public static partial void NotificationDeliverySkipped(ILogger logger);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Warning, Message = "Erasure request {RequestId} of tenant {TenantId} ended ({EventType}) with nobody to tell: no requester address, no tenant channel")]
    public static partial void NobodyToNotify(ILogger logger, string requestId, string tenantId, string eventType);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Warning, Message = "Notification {MessageId} of tenant {TenantId} ({Channel}, {EventType}) given up after its last attempt; it can be resent")]
    public static partial void NotificationGivenUp(ILogger logger, string messageId, string tenantId, Core.Notifications.NotificationChannel channel, string eventType);

    [LoggerMessage(EventId = 5204, Level = LogLevel.Information, Message = "The requester's address of erasure request {RequestId} of tenant {TenantId} was destroyed: {Why}")]
    public static partial void RequesterAddressDestroyed(ILogger logger, string requestId, string tenantId, string why);

    // Redis: standalone notice and replica coordination of the key cache.

    [LoggerMessage(EventId = 6000, Level = LogLevel.Warning,
        Message = $"{RedisOptions.SectionName}:Configuration is not set: this gateway is correct as a single replica only. Run more replicas only with Redis, which carries key invalidations between them.")]
    public static partial void RunningStandalone(ILogger logger);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Replica lease renewal failed ({Cause}); cached keys are unusable once the lease lapses")]
    public static partial void LeaseRenewalFailed(ILogger logger, string cause);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Replica lease lapsed: the key cache was dropped")]
    public static partial void LeaseLapsed(ILogger logger);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Replica registration was revoked: the key cache was dropped before registering again")]
    public static partial void RegistrationRevoked(ILogger logger);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "An invalidation could not be handled ({Cause}); this replica will be revoked")]
    public static partial void InvalidationFailed(ILogger logger, string cause);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "{Count} replica(s) did not acknowledge a shred; registrations revoked, waiting out one lease")]
    public static partial void SilentReplicasRevoked(ILogger logger, int count);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Warning, Message = "Redis unreachable during a shred ({Cause}); waiting out the lease length before replying")]
    public static partial void RedisDownDuringShred(ILogger logger, string cause);

    // Redis: metadata cache invalidation.

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "A metadata change could not be published to Redis ({Cause}); the change waits out the cache lifetime")]
    public static partial void MetadataChangeNotPublished(ILogger logger, string cause);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "The Redis connection for metadata changes failed or came back: the metadata cache was dropped")]
    public static partial void MetadataCacheDropped(ILogger logger);

    // Rate limits: the token endpoint's lockout.

    [LoggerMessage(EventId = 6601, Level = LogLevel.Warning, Message = "A client id was locked after {Threshold} failed authentications, for {Duration}; see the audit event TokenEndpoint.Lockout")]
    public static partial void ClientLockedOut(ILogger logger, int threshold, TimeSpan duration);

    [LoggerMessage(EventId = 6602, Level = LogLevel.Warning, Message = "Redis unreachable for the token lockout ({Cause}): failures are counted in this replica only until it is back")]
    public static partial void LockoutCountedLocally(ILogger logger, string cause);

    [LoggerMessage(EventId = 6603, Level = LogLevel.Information, Message = "Redis reachable again: the token lockout is counted across replicas")]
    public static partial void LockoutCountedInRedis(ILogger logger);

    // Audit: writes refused when the audit log is down, and counted refusals not yet written (6502 and 6503 are in Storage.Mongo's MongoStorageLog).

    [LoggerMessage(EventId = 6501, Level = LogLevel.Error, Message = "{Action} refused: its audit event could not be written ({Cause}: {Detail})")]
    public static partial void AuditUnavailable(ILogger logger, string action, string cause, string detail);

    [LoggerMessage(EventId = 6504, Level = LogLevel.Warning, Message = "{Keys} counted unauthenticated refusal event(s) could not be written ({Cause}); their counts go with the next flush")]
    public static partial void RefusalFlushFailed(ILogger logger, int keys, string cause);
}
