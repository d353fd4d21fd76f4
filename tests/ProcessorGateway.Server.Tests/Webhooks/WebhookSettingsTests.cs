using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using ProcessorGateway.Server.Erasure;

namespace ProcessorGateway.Server.Tests.Webhooks;

public sealed class WebhookSettingsTests
{
    [Fact]
    public void Loopback_webhooks_are_refused_at_start_up_outside_development()
    {
        var result = Validate(Environments.Production, new WebhookOptions { AllowLoopback = true });

        Assert.True(result.Failed);
        Assert.Contains("Gateway:Notifications:Webhooks:AllowLoopback may be on in Development only", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Loopback_webhooks_may_be_allowed_in_development() =>
        Assert.True(Validate(Environments.Development, new WebhookOptions { AllowLoopback = true }).Succeeded);

    [Fact]
    public void Malformed_allowed_hosts_and_ports_are_refused_naming_each_setting()
    {
        var result = Validate(Environments.Production, new WebhookOptions { AllowedHosts = ["hooks.example.org", "*", "https://x.example.org"], AllowedPorts = [443, 0, 70000] });

        Assert.True(result.Failed);
        Assert.Contains("Gateway:Notifications:Webhooks:AllowedHosts:1 must be a host name", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Gateway:Notifications:Webhooks:AllowedHosts:2 must be a host name", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("AllowedHosts:0", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Gateway:Notifications:Webhooks:AllowedPorts:1 must be a port from 1 to 65535", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Gateway:Notifications:Webhooks:AllowedPorts:2 must be a port from 1 to 65535", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void An_allowlist_of_names_and_wildcards_with_ports_is_accepted_in_production() =>
        Assert.True(Validate(Environments.Production, new WebhookOptions { AllowedHosts = ["hooks.example.org", "*.example.net"], AllowedPorts = [443, 9443] }).Succeeded);

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(string environment, WebhookOptions webhooks) =>
        new WebhookOptionsValidator(new HostingEnvironment { EnvironmentName = environment }).Validate(null, new NotificationOptions { Webhooks = webhooks });
}
