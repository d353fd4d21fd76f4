using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using OpenIddict.Abstractions;
using OpenIddict.Validation;
using OpenIddict.Validation.AspNetCore;
using ProcessorGateway.Core.Audit;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Server.Auth;
using ProcessorGateway.Server.Grpc;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace ProcessorGateway.Server.Audit;

/// <summary>
/// Calls refused by <c>[Authorize]</c> (no token, or one that fails validation) end in the
/// authorization middleware, before any interceptor runs: this writes their audit event, and answers
/// UNAVAILABLE (HTTP 503 to a JSON caller) when it cannot. An unauthenticated caller is not trusted to say
/// who it is: its event names no actor and goes to the operator chain, counted with the others from its address
/// for the same method and reason (<see cref="UnauthenticatedRefusalRecorder"/>). An authenticated caller refused
/// here gets an event of its own, as in a service.
/// </summary>
internal sealed class AuditingAuthorizationResultHandler(AuditRecorder recorder, UnauthenticatedRefusalRecorder refusals) : IAuthorizationMiddlewareResultHandler
{
    /// <summary>OpenIddict's "the specified token is no longer valid": the token's expiry has passed.</summary>
    private const string ExpiredTokenErrorUri = "/ID2019";

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
                // The gRPC method, also for a JSON call, whose path is the method's HTTP route.
                var method = context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method.FullName ?? context.Request.Path.Value ?? string.Empty;
                var action = AuditRecorder.ActionOf(method);
                if (authenticated)
                {
                    await recorder.RecordAsync(context, action, actor, tenant, null, AuditOutcome.Denied, status, context.RequestAborted).ConfigureAwait(false);
                }
                else
                {
                    await refusals.RecordAsync(context, action, status, Reason(context), null, context.RequestAborted).ConfigureAwait(false);
                }
            }
            catch (DomainException e) when (e.Kind == DomainErrorKind.Unavailable)
            {
                if (!await EarlyStatus.TryWriteAsync(context, StatusCode.Unavailable, e.Message).ConfigureAwait(false))
                {
                    context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                }

                return;
            }
        }

        await _default.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
    }

    /// <summary>Why the token validation refused the call, from OpenIddict's own error (never the token).</summary>
    private static string Reason(HttpContext context)
    {
        var validation = context.Features.Get<OpenIddictValidationAspNetCoreFeature>()?.Transaction
            ?.GetProperty<ProcessAuthenticationContext>(typeof(ProcessAuthenticationContext).FullName!);
        return validation?.Error switch
        {
            null or Errors.MissingToken => RefusalReasons.MissingToken,
            _ when validation.ErrorUri?.EndsWith(ExpiredTokenErrorUri, StringComparison.Ordinal) == true => RefusalReasons.ExpiredToken,
            _ => RefusalReasons.InvalidToken,
        };
    }
}
