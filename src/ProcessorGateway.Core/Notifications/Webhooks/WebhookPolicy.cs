using System.Globalization;
using System.Net;
using ProcessorGateway.Core.Errors;

namespace ProcessorGateway.Core.Notifications.Webhooks;

/// <summary>
/// Where a webhook may go: https, no credentials in the URL, a host on the deployment's allowlist (if it has one),
/// and only public addresses on an allowed port (loopback too, on any port and over http, when
/// <see cref="WebhookSettings.AllowLoopback"/> is on). Checked when the URL is set, and again on every address the
/// sender connects to, so a name that resolves elsewhere later (DNS rebinding) is still refused.
/// </summary>
public sealed class WebhookPolicy(WebhookSettings settings, IHostResolver resolver)
{
    public const string Field = "webhook_url";
    public const int MaxUrlLength = 2000;

    /// <summary>A slow resolver must not hold a SetNotificationChannels call open.</summary>
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Checks a URL being set, resolving its host.</summary>
    /// <exception cref="DomainException">INVALID_ARGUMENT naming <c>webhook_url</c> and why.</exception>
    public async Task<Uri> CheckUrlAsync(string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > MaxUrlLength || !Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            throw DomainErrors.Invalid(Field, "must be an absolute https URL, up to 2000 characters");
        }

        if (UrlProblem(url) is { } problem)
        {
            throw DomainErrors.Invalid(Field, problem);
        }

        IReadOnlyList<IPAddress> addresses;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(ResolveTimeout);
            addresses = await ResolveAsync(HostOf(url), timeout.Token).ConfigureAwait(false);
        }

        if (addresses.Count == 0)
        {
            throw DomainErrors.Invalid(Field, $"its host '{HostOf(url)}' does not resolve to any address");
        }

        if (AddressesProblem(url.Scheme, url.Port, addresses) is { } refused)
        {
            throw DomainErrors.Invalid(Field, refused);
        }

        return url;
    }

    /// <summary>What is wrong with the URL itself (no resolving): credentials, or a host off the allowlist.</summary>
    /// <returns>The problem, or <c>null</c>.</returns>
    public string? UrlProblem(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.UserInfo.Length > 0)
        {
            return "may not carry credentials (user:password@): the webhook is authenticated by its signature";
        }

        var host = HostOf(url);
        return settings.AllowedHosts.Count == 0 || settings.AllowedHosts.Any(p => HostPattern.Matches(p, host))
            ? null
            : $"its host '{host}' is not among this deployment's allowed webhook hosts";
    }

    /// <summary>What is wrong with reaching these addresses with this scheme and port; every address must pass.</summary>
    /// <returns>The problem, or <c>null</c>.</returns>
    public string? AddressesProblem(string scheme, int port, IReadOnlyList<IPAddress> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        foreach (var address in addresses)
        {
            var kind = AddressClassifier.Classify(address);
            if (kind == AddressKind.Loopback && settings.AllowLoopback)
            {
                continue;
            }

            if (kind != AddressKind.Public)
            {
                return $"its host resolves to {AddressClassifier.Describe(kind)}; webhooks go only to public addresses";
            }

            if (scheme != "https")
            {
                return "must be https";
            }

            if (settings.AllowedPorts.Count > 0 && !settings.AllowedPorts.Contains(port))
            {
                return string.Create(CultureInfo.InvariantCulture, $"port {port} is not allowed for webhooks (allowed: {string.Join(", ", settings.AllowedPorts)})");
            }
        }

        return null;
    }

    /// <summary>
    /// An IP literal in any spelling the system resolver accepts (<c>127.1</c>, <c>2130706433</c>, <c>0177.0.0.1</c>)
    /// is read as that resolver reads it; a name is resolved.
    /// </summary>
    public Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        return IPAddress.TryParse(host, out var literal)
            ? Task.FromResult<IReadOnlyList<IPAddress>>([literal])
            : resolver.ResolveAsync(host, cancellationToken);
    }

    /// <summary>The host without IPv6 brackets, as a resolver takes it.</summary>
    public static string HostOf(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.HostNameType == UriHostNameType.IPv6 ? url.Host.Trim('[', ']') : url.IdnHost;
    }
}
