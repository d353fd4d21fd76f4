using Microsoft.AspNetCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using ProcessorGateway.Core.Clients;
using ProcessorGateway.Server.RateLimiting;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ProcessorGateway.Server.Auth;

/// <summary>
/// Token endpoint, degraded mode: OpenIddict has no application store here, so this handler checks the client
/// against our own registry, by its secret or by its client assertion (RFC 7523 <c>private_key_jwt</c>, whose
/// signature OpenIddict has verified with the key <see cref="ClientAssertionKeyResolver"/> supplied), and the
/// requested scopes against the client's.
/// </summary>
internal sealed class ClientCredentialsValidator(
    ClientService clients, ClientLockout lockout, IClientAssertionReplayGuard replays, IOptions<GatewayAuthOptions> options, TimeProvider time,
    ILogger<ClientCredentialsValidator> logger) : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    /// <summary>The one description of every refused client, whatever the reason.</summary>
    public const string Refusal = "The client credentials are invalid.";

    public async ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.IsClientCredentialsGrantType())
        {
            context.Reject(error: Errors.UnsupportedGrantType, description: "Only the client_credentials grant is supported.");
            return;
        }

        var assertion = context.Transaction.GetProperty<ProcessAuthenticationContext>(typeof(ProcessAuthenticationContext).FullName!)?.ClientAssertionPrincipal;

        // A locked id gets the answer a wrong secret gets, without its secret or assertion being checked (see ClientLockout).
        var locked = await lockout.IsLockedAsync(context.ClientId, context.CancellationToken).ConfigureAwait(false);
        var client = locked ? null : assertion is null
            ? await clients.AuthenticateAsync(context.ClientId, context.ClientSecret, context.CancellationToken).ConfigureAwait(false)
            : await AuthenticateWithAssertionAsync(context, assertion).ConfigureAwait(false);
        if (client is null)
        {
            if (!locked && context.Transaction.GetHttpRequest()?.HttpContext is { } http)
            {
                await lockout.FailedAsync(http, context.ClientId, context.CancellationToken).ConfigureAwait(false);
            }

            // One answer for unknown, revoked, wrong secret or key, replayed or malformed assertion, an operator's
            // secret outside Development, and a locked id, so the endpoint tells an attacker nothing.
            context.Reject(error: Errors.InvalidClient, description: Refusal);
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

    private async Task<OAuthClient?> AuthenticateWithAssertionAsync(ValidateTokenRequestContext context, System.Security.Claims.ClaimsPrincipal assertion)
    {
        // OpenIddict has checked that iss = sub (= client_id, when one is sent) and put the issuer in the request.
        var clientId = context.ClientId ?? string.Empty;
        var audiences = new List<Uri> { options.Value.Issuer };
        if (context.BaseUri is { } baseUri)
        {
            audiences.Add(new Uri(baseUri, GatewayAuthExtensions.TokenEndpointPath.TrimStart('/')));
        }

        var verdict = ClientAssertionRules.Check(assertion, audiences, time.GetUtcNow());
        if (!verdict.Accepted)
        {
            GatewayLog.ClientAssertionRefused(logger, clientId, verdict.Refusal!);
            return null;
        }

        var client = await clients.AuthenticateWithKeyAsync(clientId, context.CancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return null;
        }

        bool first;
        try
        {
            first = await replays.TryClaimAsync(client.ClientId, verdict.JwtId, verdict.ExpiresAt, context.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            // Fails closed: an assertion that cannot be checked for replay is not accepted.
            GatewayLog.ClientAssertionReplayUnchecked(logger, client.ClientId, e.GetType().Name);
            return null;
        }

        if (!first)
        {
            GatewayLog.ClientAssertionRefused(logger, client.ClientId, "jti already used (replay)");
            return null;
        }

        return client;
    }
}
