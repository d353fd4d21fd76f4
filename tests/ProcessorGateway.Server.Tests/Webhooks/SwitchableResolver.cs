using System.Collections.Concurrent;
using System.Net;
using ProcessorGateway.Core.Notifications.Webhooks;
using ProcessorGateway.Server.Erasure;

namespace ProcessorGateway.Server.Tests.Webhooks;

/// <summary>
/// The gateway's resolver in <see cref="WebhookPolicyGatewayFixture"/>: names the test sets, answered as a
/// hostile DNS server would (a public address now, loopback later); other names go to the system resolver.
/// </summary>
public sealed class SwitchableResolver : IHostResolver
{
    private readonly ConcurrentDictionary<string, IPAddress[]> _names = new(StringComparer.OrdinalIgnoreCase);

    private readonly SystemHostResolver _system = new();

    public void Answer(string host, params IPAddress[] addresses) => _names[host] = addresses;

    public Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken) =>
        _names.TryGetValue(host, out var addresses) ? Task.FromResult<IReadOnlyList<IPAddress>>(addresses) : _system.ResolveAsync(host, cancellationToken);
}
