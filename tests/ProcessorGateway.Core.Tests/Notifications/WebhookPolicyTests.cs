using System.Net;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Notifications.Webhooks;

namespace ProcessorGateway.Core.Tests.Notifications;

public sealed class WebhookPolicyTests
{
    private static readonly Dictionary<string, IPAddress[]> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["hooks.example.org"] = [IPAddress.Parse("93.184.216.34")],
        ["eu.hooks.example.org"] = [IPAddress.Parse("93.184.216.35")],
        ["other.example.net"] = [IPAddress.Parse("93.184.216.36")],
        ["localhost"] = [IPAddress.Loopback, IPAddress.IPv6Loopback],
        ["kubernetes.default.svc.cluster.local"] = [IPAddress.Parse("10.96.0.1")],
        ["split.example.org"] = [IPAddress.Parse("93.184.216.34"), IPAddress.Parse("192.168.0.10")],
    };

    [Theory]
    [InlineData("https://127.0.0.1/hook", "loopback")]
    [InlineData("https://127.0.0.1:5080/hook", "loopback")]
    [InlineData("https://127.1/hook", "loopback")]
    [InlineData("https://2130706433/hook", "loopback")]
    [InlineData("https://0177.0.0.1/hook", "loopback")]
    [InlineData("https://0x7f.0.0.1/hook", "loopback")]
    [InlineData("https://[::1]/hook", "loopback")]
    [InlineData("https://[::ffff:127.0.0.1]/hook", "loopback")]
    [InlineData("https://[::127.0.0.1]/hook", "loopback")]
    [InlineData("https://localhost/hook", "loopback")]
    [InlineData("https://169.254.169.254/latest/meta-data", "cloud metadata")]
    [InlineData("https://[fd00:ec2::254]/latest", "cloud metadata")]
    [InlineData("https://10.0.0.1:8443/hook", "private")]
    [InlineData("https://kubernetes.default.svc.cluster.local/api", "private")]
    [InlineData("https://kubernetes.default.svc/api", "does not resolve")]
    [InlineData("https://split.example.org/hook", "private")]
    [InlineData("https://100.64.0.1/hook", "carrier-grade NAT")]
    [InlineData("https://[fe80::1]/hook", "link-local")]
    [InlineData("https://[fc00::1]/hook", "unique-local")]
    [InlineData("https://0.0.0.0/hook", "unspecified")]
    [InlineData("https://224.0.0.1/hook", "multicast")]
    [InlineData("https://255.255.255.255/hook", "broadcast")]
    [InlineData("https://user:pass@hooks.example.org/hook", "credentials")]
    [InlineData("https://token@hooks.example.org/hook", "credentials")]
    [InlineData("http://hooks.example.org/hook", "must be https")]
    [InlineData("https://hooks.example.org:8080/hook", "port 8080 is not allowed")]
    [InlineData("ftp://hooks.example.org/hook", "absolute https URL")]
    [InlineData("/relative/hook", "absolute https URL")]
    public async Task CheckUrl_RefusedUrl_IsInvalidArgumentNamingWebhookUrlAndWhy(string url, string why)
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => Policy(WebhookSettings.Default).CheckUrlAsync(url, CancellationToken.None));

        Assert.Equal(DomainErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("webhook_url", error.Field);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://hooks.example.org/hook")]
    [InlineData("https://hooks.example.org:8443/hook")]
    [InlineData("https://93.184.216.34/hook")]
    public async Task CheckUrl_HttpsToAPublicAddressOnAnAllowedPort_IsAccepted(string url) =>
        Assert.Equal(new Uri(url), await Policy(WebhookSettings.Default).CheckUrlAsync(url, CancellationToken.None));

    [Theory]
    [InlineData("http://127.0.0.1:9/hook")]
    [InlineData("https://localhost:5001/hook")]
    [InlineData("http://[::1]:8080/hook")]
    public async Task CheckUrl_LoopbackAllowed_AcceptsLoopbackOverHttpOnAnyPort(string url) =>
        Assert.Equal(new Uri(url), await Policy(WebhookSettings.Default with { AllowLoopback = true }).CheckUrlAsync(url, CancellationToken.None));

    [Theory]
    [InlineData("http://10.0.0.1/hook", "private")]
    [InlineData("http://169.254.169.254/hook", "cloud metadata")]
    [InlineData("http://hooks.example.org/hook", "must be https")]
    public async Task CheckUrl_LoopbackAllowed_StillRefusesEverythingElseThatIsNotPublicHttps(string url, string why)
    {
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Policy(WebhookSettings.Default with { AllowLoopback = true }).CheckUrlAsync(url, CancellationToken.None));
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://hooks.example.org/hook", true)]
    [InlineData("https://eu.hooks.example.org/hook", true)]
    [InlineData("https://HOOKS.example.org/hook", true)]
    [InlineData("https://other.example.net/hook", false)]
    [InlineData("https://93.184.216.34/hook", false)]
    public async Task CheckUrl_WithAnAllowlist_AcceptsOnlyListedHosts(string url, bool accepted)
    {
        var policy = Policy(WebhookSettings.Default with { AllowedHosts = ["hooks.example.org", "*.hooks.example.org"] });
        if (accepted)
        {
            Assert.Equal(new Uri(url), await policy.CheckUrlAsync(url, CancellationToken.None));
        }
        else
        {
            var error = await Assert.ThrowsAsync<DomainException>(() => policy.CheckUrlAsync(url, CancellationToken.None));
            Assert.Contains("is not among this deployment's allowed webhook hosts", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CheckUrl_AllowlistedHostResolvingToAPrivateAddress_IsStillRefused()
    {
        var policy = Policy(WebhookSettings.Default with { AllowedHosts = ["*.cluster.local"] });
        var error = await Assert.ThrowsAsync<DomainException>(() => policy.CheckUrlAsync("https://kubernetes.default.svc.cluster.local/api", CancellationToken.None));
        Assert.Contains("private", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckUrl_AnyPortConfigured_AcceptsAPublicAddressOnThatPort() =>
        Assert.NotNull(await Policy(WebhookSettings.Default with { AllowedPorts = [9443] }).CheckUrlAsync("https://hooks.example.org:9443/x", CancellationToken.None));

    [Theory]
    [InlineData("hooks.example.org", true)]
    [InlineData("*.example.org", true)]
    [InlineData("10.0.0.1", true)]
    [InlineData("*", false)]
    [InlineData("*example.org", false)]
    [InlineData("hooks.*.org", false)]
    [InlineData("https://hooks.example.org", false)]
    [InlineData("hooks.example.org:443", false)]
    [InlineData("", false)]
    public void HostPattern_IsValid_AcceptsANameOrAWildcardSubdomainOnly(string pattern, bool valid) =>
        Assert.Equal(valid, HostPattern.IsValid(pattern));

    [Theory]
    [InlineData("*.example.org", "a.example.org", true)]
    [InlineData("*.example.org", "a.b.example.org", true)]
    [InlineData("*.example.org", "example.org", false)]
    [InlineData("*.example.org", "badexample.org", false)]
    [InlineData("hooks.example.org", "hooks.example.org.", true)]
    [InlineData("hooks.example.org", "hooks.example.org.evil.net", false)]
    public void HostPattern_Matches_ExactOrUnderTheWildcard(string pattern, string host, bool matches) =>
        Assert.Equal(matches, HostPattern.Matches(pattern, host));

    private static WebhookPolicy Policy(WebhookSettings settings) => new(settings, new TableResolver());

    private sealed class TableResolver : IHostResolver
    {
        public Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<IPAddress>>(Names.TryGetValue(host, out var found) ? found : []);
    }
}
