using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Notifications.Webhooks;

namespace ProcessorGateway.Server.Erasure;

/// <summary>Loopback only in Development; each allowed host a name or <c>*.</c> and a name; each port 1 to 65535.</summary>
internal sealed class WebhookOptionsValidator(IHostEnvironment environment) : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        var webhooks = options.Webhooks;
        var failures = new List<string>();
        if (webhooks.AllowLoopback && !environment.IsDevelopment())
        {
            failures.Add($"{WebhookOptions.SectionName}:AllowLoopback may be on in Development only: elsewhere a webhook must not reach the gateway's own host.");
        }

        for (var i = 0; i < webhooks.AllowedHosts.Count; i++)
        {
            if (!HostPattern.IsValid(webhooks.AllowedHosts[i]))
            {
                failures.Add($"{WebhookOptions.SectionName}:AllowedHosts:{i} must be a host name (hooks.example.org) or '*.' and a host name (*.example.org).");
            }
        }

        var ports = webhooks.AllowedPorts ?? [];
        for (var i = 0; i < ports.Count; i++)
        {
            if (ports[i] is < 1 or > 65535)
            {
                failures.Add($"{WebhookOptions.SectionName}:AllowedPorts:{i} must be a port from 1 to 65535.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
