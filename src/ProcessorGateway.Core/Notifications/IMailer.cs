namespace ProcessorGateway.Core.Notifications;

/// <summary>Sends a message as e-mail to the given addresses; throws on failure (the outbox retries with backoff).</summary>
public interface IMailer
{
    Task SendAsync(OutboxMessage message, IReadOnlyList<string> recipients, CancellationToken cancellationToken);
}
