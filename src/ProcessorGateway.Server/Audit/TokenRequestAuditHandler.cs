using Microsoft.AspNetCore;
using OpenIddict.Server;
using ProcessorGateway.Core.Audit;
using ProcessorGateway.Core.Clients;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Server.Auth;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ProcessorGateway.Server.Audit;

/// <summary>
/// Every token request, issued or refused, is audited before the reply is written. When its event cannot be
/// written, no token leaves: the reply becomes <c>temporarily_unavailable</c>. A request refused before its client
/// was verified is counted with the others from its address for the same error (<see cref="UnauthenticatedRefusalRecorder"/>):
/// the first of an interval is written at once, the rest as one event with their count.
/// </summary>
internal sealed class TokenRequestAuditHandler(AuditRecorder recorder, UnauthenticatedRefusalRecorder refusals) : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public const string Action = "TokenEndpoint.Token";
    public const string UnverifiedPrefix = "unverified:";

    /// <summary>Before OpenIddict's own handlers turn the response into HTTP.</summary>
    public static int Order => int.MinValue + 100_000;

    public async ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.Transaction.GetHttpRequest()?.HttpContext;
        if (!recorder.Enabled || http is null)
        {
            return;
        }

        // A client the validator accepted is the actor, with its tenant; a refused one is named as unverified,
        // so repeated attempts against one client id show up, but never in that client's tenant chain.
        var client = context.Transaction.Properties.TryGetValue(GatewayClaims.ClientProperty, out var value) ? value as OAuthClient : null;
        var claimed = context.Request?.ClientId;
        var actor = client?.ClientId ?? (claimed is { Length: > 0 and <= 128 } && claimed.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? UnverifiedPrefix + claimed
            : null);
        var error = context.Response.Error;
        try
        {
            if (error is not null && client is null)
            {
                await refusals.RecordAsync(http, Action, error, RefusalReasons.OfTokenError(error), actor, http.RequestAborted).ConfigureAwait(false);
            }
            else
            {
                await recorder.RecordAsync(http, Action, actor, client?.TenantId, null,
                    error is null ? AuditOutcome.Succeeded : AuditOutcome.Denied, error ?? "OK", http.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.Unavailable)
        {
            context.Response.AccessToken = null;
            context.Response.TokenType = null;
            context.Response.ExpiresIn = null;
            context.Response.Scope = null;
            context.Response.Error = Errors.TemporarilyUnavailable;
            context.Response.ErrorDescription = "The audit log is unavailable; retry later.";
        }
    }
}
