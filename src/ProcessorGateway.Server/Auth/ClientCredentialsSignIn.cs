using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using ProcessorGateway.Core.Clients;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ProcessorGateway.Server.Auth;

/// <summary>
/// Issues the access token for a client the validator accepted: its id, tenant, the scopes granted
/// (those asked for, or all it holds) and its purposes, for this gateway's audience only.
/// </summary>
internal sealed class ClientCredentialsSignIn(IOptions<GatewayAuthOptions> options) : IOpenIddictServerHandler<HandleTokenRequestContext>
{
    public ValueTask HandleAsync(HandleTokenRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Transaction.Properties.TryGetValue(GatewayClaims.ClientProperty, out var value) || value is not OAuthClient client)
        {
            context.Reject(error: Errors.InvalidClient, description: ClientCredentialsValidator.Refusal);
            return default;
        }

        var identity = new ClaimsIdentity(authenticationType: "ProcessorGateway", nameType: Claims.Name, roleType: Claims.Role);
        identity.SetClaim(Claims.Subject, client.ClientId);
        identity.SetClaim(Claims.Name, client.DisplayName);
        if (client.TenantId is not null)
        {
            identity.SetClaim(GatewayClaims.Tenant, client.TenantId);
        }

        identity.SetClaims(GatewayClaims.Purpose, [.. client.Purposes]);
        var requested = context.Request.GetScopes();
        identity.SetScopes(requested.IsEmpty ? [.. client.Scopes] : requested);
        identity.SetResources(options.Value.Audience);
        identity.SetDestinations(static _ => ImmutableArray.Create(Destinations.AccessToken));

        context.SignIn(new ClaimsPrincipal(identity));
        return default;
    }
}
