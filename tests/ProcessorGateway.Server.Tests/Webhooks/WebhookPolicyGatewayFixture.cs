using Microsoft.Extensions.DependencyInjection;
using ProcessorGateway.Core.Notifications.Webhooks;
using ProcessorGateway.Server.Tests.Erasure;

namespace ProcessorGateway.Server.Tests.Webhooks;

/// <summary>
/// An erasure gateway with webhooks held to the production rule (loopback not allowed, although the environment
/// is Development), whose resolver answers what <see cref="Resolver"/> is told.
/// </summary>
public sealed class WebhookPolicyGatewayFixture : ErasureGatewayFixture
{
    public SwitchableResolver Resolver { get; } = new();

    protected override IDictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Gateway:Notifications:Webhooks:AllowLoopback"] = "false";
        return settings;
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton<IHostResolver>(Resolver);
    }
}
