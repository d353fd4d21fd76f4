using Microsoft.AspNetCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using ProcessorGateway.Core.Clients;
using ProcessorGateway.Server.RateLimiting;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ProcessorGateway.Server.Auth;

/// <summary>
/// Token endpoint, degraded mode: OpenIddict has no application store here, so this handler checks
/// the client id and secret against our own registry, and the requested scopes against the client's.
/// </summary>
internal sealed class ClientCredentialsValidator(ClientService clients, ClientLockout lockout) : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public async ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.IsClientCredentialsGrantType())
        {
            context.Reject(error: Errors.UnsupportedGrantType, description: "Only the client_credentials grant is supported.");
            return;
        }

        // A locked id gets the answer a wrong secret gets, without its secret being checked (see ClientLockout).
        var locked = await lockout.IsLockedAsync(context.ClientId, context.CancellationToken).ConfigureAwait(false);
        var client = locked ? null : await clients.AuthenticateAsync(context.ClientId, context.ClientSecret, context.CancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            if (!locked && context.Transaction.GetHttpRequest()?.HttpContext is { } http)
            {
                await lockout.FailedAsync(http, context.ClientId, context.CancellationToken).ConfigureAwait(false);
            }

            // One answer for unknown, revoked and wrong secret, so the endpoint tells an attacker nothing.
            context.Reject(error: Errors.InvalidClient, description: "The client credentials are invalid.");
            return;
        }

        var refused = context.Request.GetScopes().FirstOrDefault(scope => !client.Scopes.Contains(scope));
        if (refused is not null)
        {
            context.Reject(error: Errors.InvalidScope, description: $"The client may not request the scope '{refused}'.");
            return;
        }

        context.Transaction.Properties[GatewayClaims.ClientProperty] = client;
    }
}
