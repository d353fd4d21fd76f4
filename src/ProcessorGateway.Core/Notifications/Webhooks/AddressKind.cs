namespace ProcessorGateway.Core.Notifications.Webhooks;

/// <summary>What an address is, as far as sending a webhook there goes: only <see cref="Public"/> may be reached outside Development.</summary>
public enum AddressKind
{
    Public = 0,
    Loopback,
    Private,
    LinkLocal,
    UniqueLocal,
    SharedCgnat,
    Metadata,
    Unspecified,
    Multicast,
    Broadcast,
    Reserved,
}
