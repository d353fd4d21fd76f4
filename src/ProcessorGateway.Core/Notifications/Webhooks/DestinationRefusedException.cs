namespace ProcessorGateway.Core.Notifications.Webhooks;

/// <summary>
/// A delivery the gateway will not make: the webhook's address or URL is not allowed. Retrying cannot change
/// that (a rebinding name is not given more chances), so the outbox gives the message up at once.
/// </summary>
public sealed class DestinationRefusedException : Exception
{
    public DestinationRefusedException()
    {
    }

    public DestinationRefusedException(string message)
        : base(message)
    {
    }

    public DestinationRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
