namespace ProcessorGateway.Server.Erasure;

/// <summary>Bound from <c>Gateway:Notifications:Webhooks</c>: where tenants' webhooks may point.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = NotificationOptions.SectionName + ":Webhooks";

    /// <summary>Development only (refused at start-up elsewhere): loopback addresses may be reached, over http and on any port.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Exact host names or <c>*.example.org</c>; unset: any host with public addresses.</summary>
    public IList<string> AllowedHosts { get; set; } = [];

    /// <summary>Ports a public address may be reached on; unset: 443 and 8443.</summary>
    public IList<int>? AllowedPorts { get; set; }
}
