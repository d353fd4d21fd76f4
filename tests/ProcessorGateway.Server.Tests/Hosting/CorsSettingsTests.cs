using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using ProcessorGateway.Server.Hosting;

namespace ProcessorGateway.Server.Tests.Hosting;

public sealed class CorsSettingsTests
{
    [Fact]
    public void No_origins_is_valid_and_closed()
    {
        var result = Validate(Environments.Production);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("https://app.school.example")]
    [InlineData("https://app.school.example:8443")]
    public void An_https_origin_is_allowed_anywhere(string origin)
    {
        var result = Validate(Environments.Production, origin);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("*", "may not be a wildcard")]
    [InlineData("https://*.school.example", "may not be a wildcard")]
    [InlineData("https://app.school.example/", "must be an origin")]
    [InlineData("https://app.school.example/path", "must be an origin")]
    [InlineData("app.school.example", "must be an origin")]
    [InlineData("ftp://app.school.example", "must be an origin")]
    [InlineData("http://app.school.example", "must be https")]
    public void A_bad_origin_is_refused_naming_its_setting(string origin, string problem)
    {
        var result = Validate(Environments.Development, "https://ok.example", origin);

        Assert.True(result.Failed);
        Assert.Contains($"Gateway:Cors:AllowedOrigins:1 {problem}", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:5173")]
    [InlineData("http://127.0.0.1:5173")]
    public void Http_on_loopback_is_allowed_in_development_only(string origin)
    {
        Assert.True(Validate(Environments.Development, origin).Succeeded);
        Assert.Contains("Gateway:Cors:AllowedOrigins:0 must be https", Validate(Environments.Production, origin).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_preflight_cache_over_a_day_is_refused()
    {
        var options = new GatewayCorsOptions { PreflightMaxAge = TimeSpan.FromDays(2) };

        var result = new GatewayCorsOptionsValidator(new HostingEnvironment { EnvironmentName = Environments.Production }).Validate(null, options);

        Assert.Contains("Gateway:Cors:PreflightMaxAge must be between 0 and 24 hours", result.FailureMessage, StringComparison.Ordinal);
    }

    private static ValidateOptionsResult Validate(string environment, params string[] origins)
    {
        var options = new GatewayCorsOptions();
        foreach (var origin in origins)
        {
            options.AllowedOrigins.Add(origin);
        }

        return new GatewayCorsOptionsValidator(new HostingEnvironment { EnvironmentName = environment }).Validate(null, options);
    }
}
