using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using OpenIddict.Abstractions;
using ProcessorGateway.Core.Audit;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Server.Auth;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ProcessorGateway.Server.Audit;

/// <summary>
/// Calls refused by <c>[Authorize]</c> (no token, or one that fails validation) end in the
/// authorization middleware, before any interceptor runs: this writes their audit event, and answers
/// 503 (UNAVAILABLE to a gRPC client) when it cannot. An unauthenticated caller is not trusted to say
/// who it is: its event names no actor and goes to the operator chain.
/// </summary>
internal sealed class AuditingAuthorizationResultHandler(AuditRecorder recorder) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (recorder.Enabled && (authorizeResult.Challenged || authorizeResult.Forbidden))
        {
            var authenticated = context.User.Identity?.IsAuthenticated == true;
            var actor = authenticated ? context.User.GetClaim(Claims.Subject) : null;
            var tenant = authenticated ? context.User.GetClaim(GatewayClaims.Tenant) : null;
            var status = authorizeResult.Forbidden ? "PermissionDenied" : "Unauthenticated";
            try
            {
                await recorder.RecordAsync(context, AuditRecorder.ActionOf(context.Request.Path.Value ?? string.Empty), actor, tenant, null,
                    AuditOutcome.Denied, status, context.RequestAborted).ConfigureAwait(false);
            }
            catch (DomainException e) when (e.Kind == DomainErrorKind.Unavailable)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }
        }

        await _default.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
    }
}
