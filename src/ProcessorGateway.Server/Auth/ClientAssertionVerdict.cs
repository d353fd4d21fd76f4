namespace ProcessorGateway.Server.Auth;

/// <summary>What <see cref="ClientAssertionRules"/> made of a signed client assertion.</summary>
/// <param name="Refusal">Why it is refused (for the log, never for the caller); <c>null</c> when it is accepted.</param>
/// <param name="JwtId">Its <c>jti</c>, to be claimed once against replay.</param>
/// <param name="ExpiresAt">Its <c>exp</c>: how long the <c>jti</c> must be remembered.</param>
internal sealed record ClientAssertionVerdict(string? Refusal, string JwtId, DateTimeOffset ExpiresAt)
{
    public bool Accepted => Refusal is null;

    public static ClientAssertionVerdict Refuse(string reason) => new(reason, string.Empty, DateTimeOffset.MinValue);
}
