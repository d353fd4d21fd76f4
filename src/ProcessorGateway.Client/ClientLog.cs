using Microsoft.Extensions.Logging;

namespace ProcessorGateway.Client;

/// <summary>The client's log events. Client ids and endpoints only: never a secret, never a token.</summary>
internal static partial class ClientLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Debug, Message = "Requesting an access token for client {ClientId} from {TokenEndpoint}")]
    public static partial void TokenRequested(ILogger logger, string clientId, Uri tokenEndpoint);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Debug, Message = "Access token for client {ClientId} acquired; expires {ExpiresAt}, refresh from {RefreshAt}")]
    public static partial void TokenAcquired(ILogger logger, string clientId, DateTimeOffset expiresAt, DateTimeOffset refreshAt);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Access token request for client {ClientId} failed: {Error} (HTTP {StatusCode})")]
    public static partial void TokenRequestFailed(ILogger logger, string clientId, string? error, int? statusCode);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Debug, Message = "Cached access token for client {ClientId} dropped at the caller's request")]
    public static partial void TokenInvalidated(ILogger logger, string clientId);
}
