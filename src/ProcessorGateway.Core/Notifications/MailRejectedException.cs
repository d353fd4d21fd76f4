namespace ProcessorGateway.Core.Notifications;

/// <summary>
/// A mail server refused a message to a requester. Carries the status code only: a server's reply often
/// quotes the address, which must not reach the outbox's last error or a log.
/// </summary>
public sealed class MailRejectedException : Exception
{
    public MailRejectedException()
    {
    }

    public MailRejectedException(string message)
        : base(message)
    {
    }

    public MailRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MailRejectedException(int statusCode)
        : base($"the mail server answered {statusCode}")
    {
    }
}
