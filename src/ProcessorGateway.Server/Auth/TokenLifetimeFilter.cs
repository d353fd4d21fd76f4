using System.Globalization;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace ProcessorGateway.Server.Auth;

/// <summary>
/// Refuses what the gateway never issues, even when signed with its key: a token without <c>exp</c> (OpenIddict
/// accepts one, as JWT allows), an <c>nbf</c> further in the future than <see cref="ClockSkew"/>, and a lifetime
/// longer than <see cref="GatewayAuthOptions.AccessTokenLifetime"/>, counted from <c>iat</c> and from now. A key that
/// leaks for a moment must not yield a token that lasts for ever or starts working later.
/// Runs right after OpenIddict's own expiry check, on every token the validation stack reads.
/// </summary>
internal sealed class TokenLifetimeFilter(IOptions<GatewayAuthOptions> options) : IOpenIddictValidationHandler<ValidateTokenContext>
{
    /// <summary>How far replicas' clocks may differ: an nbf or a lifetime is judged with this much slack, never more.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
        OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseSingletonHandler<TokenLifetimeFilter>()
            .SetOrder(OpenIddictValidationHandlers.Protection.ValidateExpirationDate.Descriptor.Order + 500)
            .SetType(OpenIddictValidationHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.IsRejected || context.Principal is not { } principal)
        {
            return ValueTask.CompletedTask;
        }

        if (Problem(principal, context.Options.TimeProvider.GetUtcNow(), options.Value.AccessTokenLifetime) is { } problem)
        {
            context.Reject(error: Errors.InvalidToken, description: $"The token was not issued by this gateway as it stands: {problem}.");
        }

        return ValueTask.CompletedTask;
    }

    private static string? Problem(System.Security.Claims.ClaimsPrincipal principal, DateTimeOffset now, TimeSpan lifetime)
    {
        if (principal.GetExpirationDate() is not { } expires)
        {
            return "it has no expiry (exp)";
        }

        if (Instant(principal.GetClaim(Claims.NotBefore)) is { } notBefore && notBefore > now + ClockSkew)
        {
            return "it is not valid yet (nbf)";
        }

        var fromIssue = principal.GetCreationDate() is { } issued ? expires - issued : TimeSpan.Zero;
        return fromIssue > lifetime || expires - now > lifetime + ClockSkew ? "its lifetime is longer than this gateway issues" : null;
    }

    private static DateTimeOffset? Instant(string? unixSeconds) =>
        long.TryParse(unixSeconds, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
}
