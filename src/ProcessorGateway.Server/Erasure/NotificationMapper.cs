using Google.Protobuf.WellKnownTypes;
using ProcessorGateway.Core.Notifications;

namespace ProcessorGateway.Server.Erasure;

/// <summary>Outbox messages to their protobuf delivery status: never the body (which a requester's message addresses to them).</summary>
internal static class NotificationMapper
{
    public static Contracts.V1.NotificationDelivery ToProto(OutboxMessage m) => new()
    {
        MessageId = m.MessageId,
        TenantId = m.TenantId,
        RequestId = m.RequestId ?? string.Empty,
        EventType = m.EventType,
        Channel = ChannelNames.Of(m.Channel),
        Status = m.DeliveredAt is not null ? Contracts.V1.NotificationStatus.Delivered
            : m.GaveUpAt is not null ? Contracts.V1.NotificationStatus.GaveUp
            : Contracts.V1.NotificationStatus.Pending,
        Attempts = m.Attempts,
        CreatedAt = Timestamp.FromDateTimeOffset(m.CreatedAt),
        DeliveredAt = m.DeliveredAt is { } delivered ? Timestamp.FromDateTimeOffset(delivered) : null,
        GaveUpAt = m.GaveUpAt is { } gaveUp ? Timestamp.FromDateTimeOffset(gaveUp) : null,
        LastError = m.LastError ?? string.Empty,
    };
}
