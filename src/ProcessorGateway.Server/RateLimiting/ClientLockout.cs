using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Audit;
using ProcessorGateway.Core.Clients;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Validation;
using ProcessorGateway.Server.Audit;

namespace ProcessorGateway.Server.RateLimiting;

/// <summary>
/// Locks a client id, known or unknown alike, after repeated failed authentications (<see cref="LockoutOptions"/>).
/// A locked id gets the same <c>invalid_client</c> as a wrong secret, without its secret being checked: an attacker
/// learns neither that the id exists nor that it is locked (a 429 would say both when to come back and that guessing
/// had been noticed), while the operators see each lockout start once in the audit log and in <c>pg.token.lockouts</c>.
/// </summary>
internal sealed class ClientLockout(
    ILockoutCounter counter, IClientRegistry clients, AuditRecorder audit, IOptions<RateLimitOptions> options, ILogger<ClientLockout> logger)
{
    public const string Action = "TokenEndpoint.Lockout";
    public const string Status = "client_locked";

    /// <summary>True when the id is locked; the refusal is counted.</summary>
    public async Task<bool> IsLockedAsync(string? clientId, CancellationToken cancellationToken)
    {
        if (!Counts(clientId) || !await counter.IsLockedAsync(clientId!, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        RateLimitMetrics.Refused(RateLimitMetrics.TokenLocked);
        return true;
    }

    /// <summary>Counts a failed authentication; the one that starts a lockout is audited, in the client's tenant chain if the id is a client's.</summary>
    public async Task FailedAsync(HttpContext http, string? clientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!Counts(clientId) || !await counter.CountFailureAsync(clientId!, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        RateLimitMetrics.LockoutStarted();
        GatewayLog.ClientLockedOut(logger, options.Value.Lockout.Threshold, options.Value.Lockout.Duration);
        var tenantId = (await clients.FindAsync(clientId!, cancellationToken).ConfigureAwait(false))?.TenantId;
        var actor = clientId!.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? TokenRequestAuditHandler.UnverifiedPrefix + clientId : null;
        try
        {
            await audit.RecordAsync(http, Action, actor, tenantId, null, AuditOutcome.Denied, Status, cancellationToken).ConfigureAwait(false);
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.Unavailable)
        {
            // Already logged by the recorder; the request is refused all the same, and the lockout stands.
        }
    }

    /// <summary>Ids too long to name a client are refused before any secret check, so they need no lockout (nor a Redis key).</summary>
    private bool Counts(string? clientId) =>
        options.Value.Enabled && clientId is { Length: > 0 and <= Limits.RecordIdMaxLength };
}
