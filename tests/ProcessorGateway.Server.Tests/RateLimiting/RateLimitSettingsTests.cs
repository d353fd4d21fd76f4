using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using ProcessorGateway.Server.Hosting;
using ProcessorGateway.Server.RateLimiting;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.RateLimiting;

public sealed class RateLimitSettingsTests
{
    [Fact]
    public void The_defaults_are_valid_in_production()
    {
        var result = Validate(Environments.Production, new RateLimitOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Each_bad_setting_is_refused_naming_its_full_path()
    {
        var options = new RateLimitOptions
        {
            TokenPerAddress = new TokenBucketLimit { TokenLimit = 0, TokensPerPeriod = 1 },
            TokenPerClient = new TokenBucketLimit { TokenLimit = 5, TokensPerPeriod = 6 },
            GrpcPerClient = new TokenBucketLimit { TokenLimit = 10, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.Zero },
            Pbkdf2Concurrency = 0,
            Pbkdf2QueueLimit = -1,
            Lockout = new LockoutOptions { Threshold = 1, Window = TimeSpan.FromSeconds(1), Duration = TimeSpan.Zero },
        };

        var message = Validate(Environments.Development, options).FailureMessage;

        foreach (var expected in new[]
        {
            "Gateway:RateLimits:TokenPerAddress:TokenLimit must be between 1 and 1000000",
            "Gateway:RateLimits:TokenPerClient:TokensPerPeriod must be at least 1 and at most Gateway:RateLimits:TokenPerClient:TokenLimit",
            "Gateway:RateLimits:GrpcPerClient:ReplenishmentPeriod must be between 100 ms and 1 hour",
            "Gateway:RateLimits:Pbkdf2Concurrency must be between 1 and 256",
            "Gateway:RateLimits:Pbkdf2QueueLimit must be between 0 and 10000",
            "Gateway:RateLimits:Lockout:Threshold must be between 3 and 1000",
            "Gateway:RateLimits:Lockout:Window must be between 10 seconds and 1 day",
            "Gateway:RateLimits:Lockout:Duration must be between 1 second and 1 day",
        })
        {
            Assert.Contains(expected, message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Limits_may_be_switched_off_in_development_only()
    {
        var off = new RateLimitOptions { Enabled = false };

        Assert.True(Validate(Environments.Development, off).Succeeded);
        Assert.Contains("Gateway:RateLimits:Enabled may be false in Development only", Validate(Environments.Production, off).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gateway_with_an_invalid_limit_refuses_to_start_naming_the_setting()
    {
        var settings = GatewayFixture.SettingsFor(TestServers.DatabaseFor(typeof(RateLimitSettingsTests)));
        settings["Gateway:RateLimits:Lockout:Threshold"] = "0";
        await using var app = GatewayApplication.Create([], b => b.Configuration.AddInMemoryCollection(settings), Environments.Development);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync().WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Contains("Gateway:RateLimits:Lockout:Threshold must be between 3 and 1000", error.Message, StringComparison.Ordinal);
    }

    private static ValidateOptionsResult Validate(string environment, RateLimitOptions options) =>
        new RateLimitOptionsValidator(new HostingEnvironment { EnvironmentName = environment }).Validate(null, options);
}
