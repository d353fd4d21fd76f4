using System.Net;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Notifications.Webhooks;
using ProcessorGateway.Server.Erasure;
using ProcessorGateway.Server.Tests.Erasure;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Webhooks;

/// <summary>
/// Webhooks reach only public addresses over https (issue 17's SSRF): refused when the URL is set, and again on the
/// address the sender actually connects to, so a name that rebinds to loopback after it was set is refused too.
/// </summary>
public sealed class WebhookTargetTests(WebhookPolicyGatewayFixture gateway) : IClassFixture<WebhookPolicyGatewayFixture>, IDisposable
{
    private static readonly IPAddress PublicAddress = IPAddress.Parse("93.184.216.34");
    private readonly WebhookReceiver _receiver = new();

    [Theory]
    [InlineData("http://127.0.0.1:{port}/hook", "loopback")]
    [InlineData("https://127.0.0.1:{port}/hook", "loopback")]
    [InlineData("https://127.1/hook", "loopback")]
    [InlineData("https://2130706433/hook", "loopback")]
    [InlineData("https://0177.0.0.1/hook", "loopback")]
    [InlineData("https://[::1]/hook", "loopback")]
    [InlineData("https://[::ffff:127.0.0.1]/hook", "loopback")]
    [InlineData("https://localhost/hook", "loopback")]
    [InlineData("https://169.254.169.254/latest/meta-data/iam", "cloud metadata")]
    [InlineData("https://10.0.0.1:8443/hook", "private")]
    [InlineData("https://kubernetes.default.svc/api", "kubernetes.default.svc")]
    [InlineData("https://kubernetes.default.svc.cluster.local/api", "private")]
    [InlineData("https://user:pass@hooks.example.org/hook", "credentials")]
    [InlineData("http://hooks.example.org/hook", "must be https")]
    public async Task Setting_a_webhook_to_an_internal_address_is_invalid_argument_naming_webhook_url_and_nothing_is_stored(string url, string why)
    {
        gateway.Resolver.Answer("hooks.example.org", PublicAddress);
        gateway.Resolver.Answer("kubernetes.default.svc.cluster.local", IPAddress.Parse("10.96.0.1"));
        var world = await ErasureWorld.CreateAsync(gateway, "attendance");

        var error = await RpcAssert.InvalidArgumentAsync(WebhookPolicy.Field, () => world.Rights.Erasure.SetNotificationChannelsAsync(new SetNotificationChannelsRequest
        {
            TenantId = world.TenantId, WebhookUrl = url.Replace("{port}", _receiver.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
        }).ResponseAsync);

        Assert.Contains(why, error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await gateway.MongoDatabase.GetCollection<BsonDocument>("notification_channels").CountDocumentsAsync(new BsonDocument("_id", world.TenantId)));
    }

    [Fact]
    public async Task Setting_a_webhook_to_the_gateways_own_grpc_token_or_database_port_is_refused()
    {
        var world = await ErasureWorld.CreateAsync(gateway, "attendance");
        var mongoPort = MongoUrl.Create(TestServers.MongoConnectionString).Server.Port;
        foreach (var port in new[] { gateway.Address.Port, gateway.HttpAddress.Port, mongoPort })
        {
            var error = await RpcAssert.InvalidArgumentAsync(WebhookPolicy.Field, () => world.Rights.Erasure.SetNotificationChannelsAsync(new SetNotificationChannelsRequest
            {
                TenantId = world.TenantId, WebhookUrl = $"https://127.0.0.1:{port}/connect/token",
            }).ResponseAsync);
            Assert.Contains("loopback", error.Status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_webhook_on_a_public_https_address_is_accepted()
    {
        gateway.Resolver.Answer("accepted.example.org", PublicAddress);
        var world = await ErasureWorld.CreateAsync(gateway, "attendance");

        var channels = await world.Rights.Erasure.SetNotificationChannelsAsync(new SetNotificationChannelsRequest
        {
            TenantId = world.TenantId, WebhookUrl = "https://accepted.example.org/hooks/erasure",
        }).Within();

        Assert.Equal("https://accepted.example.org/hooks/erasure", channels.WebhookUrl);
    }

    /// <summary>The set-time check is bypassed: the sender's HTTP client is called with the URL directly.</summary>
    [Theory]
    [InlineData("http://127.0.0.1:{port}/hooks/erasure/")]
    [InlineData("http://127.1:{port}/hooks/erasure/")]
    [InlineData("http://2130706433:{port}/hooks/erasure/")]
    [InlineData("http://[::1]:{port}/hooks/erasure/")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/hooks/erasure/")]
    [InlineData("http://localhost:{port}/hooks/erasure/")]
    [InlineData("http://rebound.example.org:{port}/hooks/erasure/")]
    [InlineData("https://169.254.169.254/latest/meta-data/iam")]
    [InlineData("https://10.0.0.1:8443/hook")]
    public async Task The_webhook_client_refuses_to_connect_to_an_internal_address_whatever_url_reached_it(string url)
    {
        gateway.Resolver.Answer("rebound.example.org", IPAddress.Loopback);
        var client = gateway.Services.GetRequiredService<IHttpClientFactory>().CreateClient(WebhookSender.HttpClientName);
        using var content = new StringContent("{}");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(
            url.Replace("{port}", _receiver.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), content).WaitAsync(RpcAssert.Timeout));

        Assert.IsType<DestinationRefusedException>(error.InnerException);
        Assert.Empty(_receiver.Received);
    }

    [Fact]
    public async Task A_name_that_rebinds_to_loopback_after_it_was_set_is_given_up_at_once_with_the_reason_readable_and_never_called()
    {
        gateway.Resolver.Answer("rebinding.example.org", PublicAddress);
        var world = await ErasureWorld.CreateAsync(gateway, "attendance");
        await world.Rights.Erasure.SetNotificationChannelsAsync(new SetNotificationChannelsRequest
        {
            TenantId = world.TenantId, WebhookUrl = "https://rebinding.example.org/hooks/erasure",
        }).Within();
        gateway.Resolver.Answer("rebinding.example.org", IPAddress.Loopback);

        var request = await world.RequestAsync("subj-rebinding");
        await world.VerifyAndExecuteAsync(request.RequestId);

        var given = await GivenUpWebhookAsync(world);
        Assert.Equal(NotificationStatus.GaveUp, given.Status);
        Assert.Equal("webhook", given.Channel);
        Assert.Equal(1, given.Attempts);
        Assert.Equal("DestinationRefusedException: the webhook was not called: its host resolves to a loopback address (127.0.0.0/8, ::1); webhooks go only to public addresses",
            given.LastError);
        Assert.Empty(_receiver.Received);
    }

    public void Dispose() => _receiver.Dispose();

    /// <summary>Polls ListUndeliveredNotifications, as the tenant would (60 s: background jobs on a shared machine).</summary>
    private static async Task<NotificationDelivery> GivenUpWebhookAsync(ErasureWorld world)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var page = await world.Rights.Erasure.ListUndeliveredNotificationsAsync(new ListUndeliveredNotificationsRequest { TenantId = world.TenantId }).Within();
            if (page.Notifications.FirstOrDefault(n => n.Channel == "webhook") is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "the webhook message was not given up");
            await Task.Delay(200);
        }
    }
}
