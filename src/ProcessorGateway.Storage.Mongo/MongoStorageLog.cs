using Microsoft.Extensions.Logging;

namespace ProcessorGateway.Storage.Mongo;

/// <summary>
/// The MongoDB storage's log events, ordered by event id. Ids, levels, templates and parameter names are stable:
/// dashboards and alerts key on them. Database, collection and chain names only: never a personal value.
/// </summary>
internal static partial class MongoStorageLog
{
    // Start-up: indexes.

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "MongoDB indexes ready in {Database} and key vault {KeyVaultDatabase}")]
    public static partial void IndexesReady(ILogger logger, string database, string keyVaultDatabase);

    // Audit: checkpoints and the one-off copy of events written before blocks (6501 and 6504 are the gateway's, in GatewayLog).

    [LoggerMessage(EventId = 6502, Level = LogLevel.Warning, Message = "Could not move the checkpoint of audit chain {ChainId}; retrying at the next interval")]
    public static partial void AuditCheckpointFailed(ILogger logger, string chainId, Exception exception);

    [LoggerMessage(EventId = 6503, Level = LogLevel.Warning, Message = "Copied {Count} audit events written before blocks from {Legacy} into {Blocks}, each as a block of one")]
    public static partial void LegacyAuditEventsCopied(ILogger logger, long count, string legacy, string blocks);
}
