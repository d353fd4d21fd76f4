namespace ProcessorGateway.Core.Notifications.Webhooks;

/// <summary>Where webhooks may go.</summary>
/// <param name="AllowLoopback">Development only: loopback addresses (http or https, any port) are allowed too.</param>
/// <param name="AllowedHosts">Exact host names or <c>*.example.org</c> patterns; empty: any public host.</param>
/// <param name="AllowedPorts">Ports a public address may be reached on; empty: any.</param>
public sealed record WebhookSettings(bool AllowLoopback, IReadOnlyList<string> AllowedHosts, IReadOnlyList<int> AllowedPorts)
{
    public static IReadOnlyList<int> DefaultPorts { get; } = [443, 8443];

    public static WebhookSettings Default { get; } = new(false, [], DefaultPorts);
}
