using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using ProcessorGateway.Core.Notifications;

namespace ProcessorGateway.Server.Erasure;

/// <summary>Sends the message as plain-text e-mail to the tenant's recipients over SMTP (MailKit).</summary>
internal sealed class SmtpSender(IOptions<NotificationOptions> options) : INotificationSender
{
    public NotificationChannel Channel => NotificationChannel.Email;

    public async Task SendAsync(OutboxMessage message, TenantChannels channels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(channels);
        var smtp = options.Value.Smtp;
        if (string.IsNullOrEmpty(smtp.Host))
        {
            throw new InvalidOperationException("no SMTP server is configured (Gateway:Notifications:Smtp:Host)");
        }

        using var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(smtp.From));
        foreach (var recipient in channels.EmailRecipients)
        {
            mail.To.Add(MailboxAddress.Parse(recipient));
        }

        mail.Subject = message.Subject;
        mail.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId();
        mail.Headers.Add("X-PG-Delivery", message.MessageId);
        mail.Body = new TextPart("plain") { Text = message.Body };

        using var client = new SmtpClient { Timeout = 30_000 };
        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.RequireTls ? SecureSocketOptions.StartTls : SecureSocketOptions.StartTlsWhenAvailable, cancellationToken)
            .ConfigureAwait(false);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
        }

        await client.SendAsync(mail, cancellationToken).ConfigureAwait(false);
        await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
    }
}
