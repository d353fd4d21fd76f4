using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Notifications;
using ProcessorGateway.Core.Notifications.Webhooks;
using ProcessorGateway.Core.Telemetry;

namespace ProcessorGateway.Server.Erasure;

/// <summary>
/// POSTs the message's JSON to the tenant's webhook, signed: <c>X-PG-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex
/// HMAC-SHA256 of "t.body" under the tenant's secret&gt;</c>, so a receiver can check origin and freshness.
/// Any non-2xx answer is a failure, retried by the outbox, and described by its status code only: a response body
/// never reaches the outbox's last error. The URL is checked again here (the allowlist may have narrowed since it
/// was set), and every address connected to by <see cref="WebhookConnector"/>.
/// </summary>
internal sealed class WebhookSender(IHttpClientFactory http, ISecretProtector protector, WebhookPolicy policy, TimeProvider time, IOptions<NotificationOptions> options)
    : INotificationSender
{
    public const string HttpClientName = "pg-webhooks";
    public const string SignatureHeader = "X-PG-Signature";
    public const string DeliveryHeader = "X-PG-Delivery";
    public const string EventHeader = "X-PG-Event";

    public NotificationChannel Channel => NotificationChannel.Webhook;

    public static string Signature(byte[] key, long timestamp, string body)
    {
        var signed = string.Create(CultureInfo.InvariantCulture, $"{timestamp}.{body}");
        return string.Create(CultureInfo.InvariantCulture, $"t={timestamp},v1={Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(signed)))}");
    }

    public async Task SendAsync(OutboxMessage message, TenantChannels channels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(channels);
        var url = channels.WebhookUrl ?? throw new InvalidOperationException("the tenant has no webhook any more");
        if (policy.UrlProblem(url) is { } problem)
        {
            throw new DestinationRefusedException($"the webhook was not called: {problem}");
        }

        var key = protector.Unprotect(channels.TenantId, NotificationService.WebhookSecretPurpose,
            channels.WrappedWebhookSecret ?? throw new InvalidOperationException("the tenant has no webhook secret"));
        string signature;
        try
        {
            signature = Signature(key, time.GetUtcNow().ToUnixTimeSeconds(), message.Body);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(message.Body, Encoding.UTF8, "application/json") };
        request.Headers.Add(SignatureHeader, signature);
        request.Headers.Add(DeliveryHeader, message.MessageId);
        request.Headers.Add(EventHeader, message.EventType);
        // The receiver's host is named; its path, which may hold a token of the tenant's, is not. HttpClient's own spans
        // (which would name the whole URL) are not subscribed to.
        using var activity = GatewayActivity.Source.StartActivity("webhook post", ActivityKind.Client);
        activity?.SetTag("server.address", url.Host);
        activity?.SetTag("server.port", url.Port);
        activity?.SetTag("pg.notification.event", message.EventType);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.WebhookTimeout);
        using var response = await http.CreateClient(HttpClientName).SendAsync(request, timeout.Token).ConfigureAwait(false);
        activity?.SetTag("http.response.status_code", (int)response.StatusCode);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"the webhook answered {(int)response.StatusCode}", null, response.StatusCode);
        }
    }
}
