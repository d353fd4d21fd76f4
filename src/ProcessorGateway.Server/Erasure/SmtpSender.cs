using System.Diagnostics;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using ProcessorGateway.Core.Notifications;
using ProcessorGateway.Core.Telemetry;

namespace ProcessorGateway.Server.Erasure;

/// <summary>Sends the message as plain-text e-mail over SMTP (MailKit): to the tenant's recipients, or to a requester.</summary>
internal sealed class SmtpSender(IOptions<NotificationOptions> options) : INotificationSender, IMailer
{
    public NotificationChannel Channel => NotificationChannel.Email;

    public Task SendAsync(OutboxMessage message, TenantChannels channels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channels);
        return SendAsync(message, channels.EmailRecipients, cancellationToken);
    }

    /// <summary>To a requester: a refusal by the server is reported by its status code only, since its text may quote the address.</summary>
    async Task IMailer.SendAsync(OutboxMessage message, IReadOnlyList<string> recipients, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(message, recipients, cancellationToken).ConfigureAwait(false);
        }
        catch (SmtpCommandException e)
        {
            throw new MailRejectedException((int)e.StatusCode);
        }
    }

    private async Task SendAsync(OutboxMessage message, IReadOnlyList<string> recipients, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var smtp = options.Value.Smtp;
        if (string.IsNullOrEmpty(smtp.Host))
        {
            throw new InvalidOperationException("no SMTP server is configured (Gateway:Notifications:Smtp:Host)");
        }

        using var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(smtp.From));
        foreach (var recipient in recipients)
        {
            mail.To.Add(MailboxAddress.Parse(recipient));
        }

        mail.Subject = message.Subject;
        mail.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId();
        mail.Headers.Add("X-PG-Delivery", message.MessageId);
        mail.Body = new TextPart("plain") { Text = message.Body };

        // The relay is named; the recipients, who are people, are not.
        using var activity = GatewayActivity.Source.StartActivity("smtp send", ActivityKind.Client);
        activity?.SetTag("server.address", smtp.Host);
        activity?.SetTag("server.port", smtp.Port);
        activity?.SetTag("pg.notification.channel", "email");

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
