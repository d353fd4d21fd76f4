using OpenIddict.Abstractions;
using OpenIddict.Validation;
using ProcessorGateway.Core.Clients;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace ProcessorGateway.Server.Auth;

/// <summary>
/// Runs on every call after the token itself checks out: a token whose client has been revoked is
/// refused at once, not when it expires. Tokens are self-contained (no token store), so this is
/// where revocation takes effect.
/// </summary>
internal sealed class RevokedClientFilter(ClientService clients) : IOpenIddictValidationHandler<ProcessAuthenticationContext>
{
    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var clientId = context.AccessTokenPrincipal?.GetClaim(Claims.Subject);
        if (clientId is null)
        {
            return;
        }

        if (!await clients.IsActiveAsync(clientId, context.CancellationToken).ConfigureAwait(false))
        {
            context.Reject(error: Errors.InvalidToken, description: "The client this token was issued to has been revoked.");
        }
    }
}
