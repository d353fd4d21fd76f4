namespace ProcessorGateway.Core.Notifications;

/// <summary>
/// Where a tenant's notifications go: a webhook (signed with the tenant's secret, kept wrapped) and
/// e-mail recipients (the DPO: configuration, not subject data).
/// </summary>
public sealed record TenantChannels(string TenantId, Uri? WebhookUrl, IReadOnlyList<string> EmailRecipients, byte[]? WrappedWebhookSecret)
{
    public override string ToString() => $"channels of {TenantId}: webhook {(WebhookUrl is null ? "none" : "set")}, {EmailRecipients.Count} e-mail recipient(s)";
}
