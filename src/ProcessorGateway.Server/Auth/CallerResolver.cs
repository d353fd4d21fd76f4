using System.Security.Claims;
using Grpc.Core;
using OpenIddict.Abstractions;
using ProcessorGateway.Core.Access;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ProcessorGateway.Server.Auth;

/// <summary>The caller of a gRPC call, read from the access token the validation middleware accepted.</summary>
internal static class CallerResolver
{
    public static Caller Caller(this ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return FromPrincipal(context.GetHttpContext().User);
    }

    public static Caller FromPrincipal(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);

        // [Authorize] on every data service means an anonymous call never gets this far.
        var clientId = principal.GetClaim(Claims.Subject)
            ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "the access token names no client"));
        return new Caller(
            clientId,
            principal.GetClaim(GatewayClaims.Tenant),
            principal.GetScopes().ToHashSet(StringComparer.Ordinal),
            principal.GetClaims(GatewayClaims.Purpose).ToHashSet(StringComparer.Ordinal));
    }
}
