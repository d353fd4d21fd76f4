using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Notifications;
using ProcessorGateway.Core.Notifications.Webhooks;
using ProcessorGateway.Server.Erasure;

namespace ProcessorGateway.Server.Tests.Webhooks;

/// <summary>What a webhook's failure leaves in the outbox's last error (readable through ListUndeliveredNotifications): never its response body.</summary>
public sealed class WebhookSenderTests
{
    private const string BodyMarker = "internal-service-banner-7f3a";

    [Fact]
    public async Task A_failing_webhooks_response_body_never_reaches_the_error()
    {
        using var handler = new AnsweringHandler(HttpStatusCode.InternalServerError, $"{{\"error\":\"{BodyMarker}\"}}");
        var sender = Sender(handler);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => sender.SendAsync(Message(), Channels("https://hooks.example.org/h"), CancellationToken.None));

        Assert.Equal("the webhook answered 500", error.Message);
        Assert.DoesNotContain(BodyMarker, error.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task A_stored_url_with_credentials_is_refused_before_any_call()
    {
        using var handler = new AnsweringHandler(HttpStatusCode.NoContent, string.Empty);
        var sender = Sender(handler);

        var error = await Assert.ThrowsAsync<DestinationRefusedException>(() =>
            sender.SendAsync(Message(), Channels("https://user:pass@hooks.example.org/h"), CancellationToken.None));

        Assert.Contains("credentials", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, handler.Calls);
    }

    private static WebhookSender Sender(HttpMessageHandler handler) =>
        new(new OneClientFactory(handler), new PassThroughProtector(), new WebhookPolicy(WebhookSettings.Default, new NoResolver()), TimeProvider.System,
            Options.Create(new NotificationOptions()));

    private static OutboxMessage Message() =>
        new("req-1:webhook", "tenant-a", NotificationChannel.Webhook, "erasure.executed", "subject", "{}", DateTimeOffset.UtcNow);

    private static TenantChannels Channels(string url) => new("tenant-a", new Uri(url), [], Encoding.UTF8.GetBytes("whsec_test"));

    private sealed class AnsweringHandler(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body) });
        }
    }

    private sealed class OneClientFactory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }

    private sealed class PassThroughProtector : ISecretProtector
    {
        public byte[] Protect(string tenantId, string purpose, byte[] secret) => secret;

        public byte[] Unprotect(string tenantId, string purpose, byte[] wrapped) => (byte[])wrapped.Clone();
    }

    private sealed class NoResolver : IHostResolver
    {
        public Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<IPAddress>>([]);
    }
}
