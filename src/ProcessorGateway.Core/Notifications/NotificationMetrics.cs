using System.Diagnostics.Metrics;
using ProcessorGateway.Core.Telemetry;

namespace ProcessorGateway.Core.Notifications;

/// <summary>Counters of messages nobody received. Tagged by channel and event type only: never a tenant, request or address.</summary>
internal static class NotificationMetrics
{
    private static readonly Counter<long> GivenUp = GatewayMeter.Meter.CreateCounter<long>("pg.notifications.given_up", "{message}",
        "Messages given up after their last attempt, by channel and event type");

    private static readonly Counter<long> Nobody = GatewayMeter.Meter.CreateCounter<long>("pg.erasure.nobody_to_notify", "{request}",
        "Erasure requests that ended with nobody to tell: no requester address and no tenant channel, by event type");

    public static void CountGivenUp(NotificationChannel channel, string eventType) =>
        GivenUp.Add(1, new KeyValuePair<string, object?>("channel", ChannelNames.Of(channel)), new KeyValuePair<string, object?>("event", eventType));

    public static void CountNobodyToNotify(string eventType) => Nobody.Add(1, new KeyValuePair<string, object?>("event", eventType));
}
