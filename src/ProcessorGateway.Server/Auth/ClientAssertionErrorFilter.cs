using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ProcessorGateway.Server.Auth;

/// <summary>
/// OpenIddict refuses a bad client assertion with a precise error (wrong type, expired, malformed claim, bad
/// signature). Precision there helps an attacker probe which client ids exist and which keys they have, so every
/// refusal of a request that carried an assertion becomes the one answer a wrong secret gets: <c>invalid_client</c>.
/// The reason is in the gateway's log. Runs before the audit handler, so the audit records what the caller saw.
/// </summary>
internal sealed class ClientAssertionErrorFilter : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    // Answers about the request as a whole, not about who the client is: they stay as they are.
    private static readonly HashSet<string> Kept = [Errors.InvalidScope, Errors.UnsupportedGrantType, Errors.TemporarilyUnavailable, Errors.ServerError];

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
        .UseSingletonHandler<ClientAssertionErrorFilter>()
        .SetOrder(int.MinValue + 50_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(context.Request?.ClientAssertion) || context.Response.Error is not { } error || Kept.Contains(error))
        {
            return default;
        }

        context.Response.Error = Errors.InvalidClient;
        context.Response.ErrorDescription = ClientCredentialsValidator.Refusal;
        context.Response.ErrorUri = null;
        return default;
    }
}
