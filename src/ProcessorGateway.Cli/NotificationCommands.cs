using System.CommandLine;
using System.Globalization;
using ProcessorGateway.Contracts.V1;

namespace ProcessorGateway.Cli;

/// <summary><c>pgctl notifications undelivered|resend</c>: messages given up after their last attempt, and sending them again.</summary>
internal static class NotificationCommands
{
    public static Command Create(GlobalOptions global)
    {
        var notifications = new Command("notifications", "Erasure notifications: list those given up after their last attempt, and resend one.");
        notifications.Add(Undelivered(global));
        notifications.Add(Resend(global));
        return notifications;
    }

    /// <summary>One delivery on one line: id, channel, event, status, attempts and the last error.</summary>
    public static string Line(NotificationDelivery n) => string.Create(CultureInfo.InvariantCulture,
        $"{n.MessageId} {n.Channel} {n.EventType} {Status(n.Status)} after {n.Attempts} attempt(s){(n.LastError.Length > 0 ? $" ({n.LastError})" : string.Empty)}");

    private static Command Undelivered(GlobalOptions global)
    {
        var tenant = new Option<string>("--tenant") { Description = "The tenant.", Required = true };
        var paging = new PageOptions();
        var command = new Command("undelivered", "List the tenant's notifications given up after their last attempt, oldest first, a page at a time.") { tenant };
        paging.AddTo(command);
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
        {
            var reply = await context.Connection.Erasure.ListUndeliveredNotificationsAsync(new ListUndeliveredNotificationsRequest
            {
                TenantId = context.Required(tenant), PageSize = context.Value(paging.Size), PageToken = context.Value(paging.Token) ?? string.Empty,
            }, context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false);
            context.Print(reply, (output, list) =>
            {
                foreach (var n in list.Notifications)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{n.MessageId}  {n.Channel,-9}  {n.EventType,-16}  gave up {ValueText.Instant(n.GaveUpAt)}  {n.LastError}"));
                }

                PageOptions.WriteFooter(output, list.Notifications.Count, "notification", list.NextPageToken);
            });
        }));
        return command;
    }

    private static Command Resend(GlobalOptions global)
    {
        var tenant = new Option<string>("--tenant") { Description = "The tenant.", Required = true };
        var id = new Argument<string>("message-id") { Description = "The given-up notification, as 'notifications undelivered' lists it." };
        var command = new Command("resend",
            "Queue a given-up notification again, from its first attempt (a requester's message only while their address is still kept).") { tenant, id };
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
            context.Print(await context.Connection.Erasure.ResendNotificationAsync(
                new ResendNotificationRequest { TenantId = context.Required(tenant), MessageId = context.Required(id) },
                context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false), (output, n) => output.WriteLine(Line(n)))));
        return command;
    }

    private static string Status(NotificationStatus status) => status switch
    {
        NotificationStatus.Pending => "pending",
        NotificationStatus.Delivered => "delivered",
        NotificationStatus.GaveUp => "given up",
        _ => "unknown",
    };
}
