using Grpc.Core;
using Microsoft.AspNetCore;
using OpenIddict.Validation;
using OpenIddict.Validation.AspNetCore;
using ProcessorGateway.Server.Grpc;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace ProcessorGateway.Server.Auth;

/// <summary>
/// Answers a refused token in the caller's protocol. OpenIddict's own challenge is a bare HTTP 401 with a
/// <c>WWW-Authenticate</c> header, which a gRPC client reads only as "Received HTTP status code 401"; here
/// a gRPC or gRPC-Web call gets the status UNAUTHENTICATED and a JSON call HTTP 401 with the transcoding
/// error body, each with a message saying what is wrong with the token (missing, expired, not signed by
/// this gateway, its client revoked) and nothing from the token itself. The header stays, as RFC 6750 asks.
/// Runs after OpenIddict has attached the header and before it ends the response.
/// </summary>
internal sealed class StatusChallengeHandler : IOpenIddictValidationHandler<ProcessChallengeContext>
{
    public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
        OpenIddictValidationHandlerDescriptor.CreateBuilder<ProcessChallengeContext>()
            .UseSingletonHandler<StatusChallengeHandler>()
            .SetOrder(OpenIddictValidationAspNetCoreHandlers.AttachWwwAuthenticateHeader<ProcessChallengeContext>.Descriptor.Order + 500)
            .SetType(OpenIddictValidationHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ProcessChallengeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.Transaction.GetHttpRequest()?.HttpContext;
        var response = context.Transaction.Response;
        if (http is null || response is null)
        {
            return;
        }

        var (code, message) = Refusal(response.Error, response.ErrorDescription);
        if (await EarlyStatus.TryWriteAsync(http, code, message).ConfigureAwait(false))
        {
            context.HandleRequest();
        }
    }

    /// <summary>The status and message for OpenIddict's error and description (its descriptions are fixed texts, never the token).</summary>
    private static (StatusCode Code, string Message) Refusal(string? error, string? description) => error switch
    {
        Errors.MissingToken => (StatusCode.Unauthenticated,
            "no access token: send 'authorization: Bearer <token>' with a token from the gateway's token endpoint"),
        Errors.InsufficientAccess or Errors.InsufficientScope => (StatusCode.PermissionDenied,
            "the access token does not allow this call" + Reason(description)),
        _ => (StatusCode.Unauthenticated, "the access token was refused" + Reason(description)),
    };

    private static string Reason(string? description) => string.IsNullOrWhiteSpace(description) ? string.Empty : ": " + description;
}
