using System.Globalization;
using System.Security.Claims;
using ProcessorGateway.Server.Auth;

namespace ProcessorGateway.Server.Tests.Auth;

/// <summary>The checks on a verified client assertion, one rule at a time, without a gateway.</summary>
public sealed class ClientAssertionRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly Uri Issuer = new("https://gateway.example/");
    private static readonly Uri TokenEndpoint = new("https://gateway.example/connect/token");
    private static readonly Uri[] Audiences = [Issuer, TokenEndpoint];
    private static readonly DateTimeOffset Omitted = DateTimeOffset.MinValue;

    [Fact]
    public void A_short_lived_assertion_for_the_token_endpoint_with_a_jti_is_accepted()
    {
        var verdict = ClientAssertionRules.Check(Assertion(), Audiences, Now);

        Assert.True(verdict.Accepted, verdict.Refusal);
        Assert.Equal("jti-1", verdict.JwtId);
        Assert.Equal(Now.AddMinutes(1), verdict.ExpiresAt);
    }

    [Theory]
    [InlineData("https://gateway.example")]
    [InlineData("https://GATEWAY.example/")]
    [InlineData("https://gateway.example/connect/token/")]
    public void The_issuer_or_token_endpoint_in_any_canonical_spelling_is_an_accepted_audience(string audience) =>
        Assert.True(ClientAssertionRules.Check(Assertion(aud: audience), Audiences, Now).Accepted);

    [Theory]
    [InlineData("https://attacker.example/connect/token")]
    [InlineData("https://gateway.example:8443/connect/token")]
    [InlineData("http://gateway.example/connect/token")]
    [InlineData("https://gateway.example/connect/token?x=1")]
    [InlineData("https://gateway.example/other")]
    [InlineData("processorgateway")]
    public void Any_other_audience_is_refused(string audience) =>
        Assert.Contains("aud", ClientAssertionRules.Check(Assertion(aud: audience), Audiences, Now).Refusal, StringComparison.Ordinal);

    [Fact]
    public void An_assertion_without_exp_is_refused() =>
        Assert.Equal("no exp", ClientAssertionRules.Check(Assertion(exp: Omitted), Audiences, Now).Refusal);

    [Fact]
    public void An_assertion_expired_beyond_the_clock_skew_is_refused()
    {
        Assert.Equal("expired", ClientAssertionRules.Check(Assertion(iat: Now.AddMinutes(-2), exp: Now.AddSeconds(-31)), Audiences, Now).Refusal);
        Assert.True(ClientAssertionRules.Check(Assertion(iat: Now.AddMinutes(-2), exp: Now.AddSeconds(-29)), Audiences, Now).Accepted);
    }

    [Fact]
    public void An_assertion_valid_for_more_than_five_minutes_is_refused_by_exp_or_by_its_span()
    {
        Assert.Contains("longer than 5 minutes", ClientAssertionRules.Check(Assertion(iat: Omitted, exp: Now.AddMinutes(6)), Audiences, Now).Refusal, StringComparison.Ordinal);
        Assert.Contains("longer than 5 minutes", ClientAssertionRules.Check(Assertion(iat: Now.AddMinutes(-4), exp: Now.AddMinutes(2)), Audiences, Now).Refusal, StringComparison.Ordinal);
        Assert.True(ClientAssertionRules.Check(Assertion(iat: Now, exp: Now.AddMinutes(5)), Audiences, Now).Accepted);
    }

    [Fact]
    public void An_assertion_issued_or_valid_only_in_the_future_is_refused()
    {
        Assert.Contains("future", ClientAssertionRules.Check(Assertion(iat: Now.AddMinutes(2), exp: Now.AddMinutes(3)), Audiences, Now).Refusal, StringComparison.Ordinal);
        Assert.Contains("future", ClientAssertionRules.Check(Assertion(nbf: Now.AddMinutes(2)), Audiences, Now).Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void An_assertion_without_a_jti_or_with_an_overlong_one_is_refused()
    {
        Assert.Contains("jti", ClientAssertionRules.Check(Assertion(jti: null), Audiences, Now).Refusal, StringComparison.Ordinal);
        Assert.Contains("jti", ClientAssertionRules.Check(Assertion(jti: new string('j', 257)), Audiences, Now).Refusal, StringComparison.Ordinal);
    }

    /// <param name="iat">Now unless given; <see cref="Omitted"/> leaves the claim out.</param>
    /// <param name="exp">A minute from now unless given; <see cref="Omitted"/> leaves the claim out.</param>
    private static ClaimsPrincipal Assertion(
        string aud = "https://gateway.example/connect/token", string? jti = "jti-1", DateTimeOffset? nbf = null, DateTimeOffset? iat = null, DateTimeOffset? exp = null)
    {
        var claims = new List<Claim> { new("iss", "op_client"), new("sub", "op_client"), new("aud", aud) };
        Add(claims, "jti", jti);
        Add(claims, "iat", Seconds(iat ?? Now));
        Add(claims, "exp", Seconds(exp ?? Now.AddMinutes(1)));
        Add(claims, "nbf", nbf is null ? null : Seconds(nbf.Value));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "assertion"));
    }

    private static string? Seconds(DateTimeOffset time) => time == Omitted ? null : time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static void Add(List<Claim> claims, string type, string? value)
    {
        if (value is not null)
        {
            claims.Add(new Claim(type, value));
        }
    }
}
