using System.Net;

namespace ProcessorGateway.Core.Notifications.Webhooks;

/// <summary>Resolves a webhook's host name to the addresses a connection would go to (the system resolver; tests substitute their own).</summary>
public interface IHostResolver
{
    /// <returns>The addresses; empty when the name does not resolve.</returns>
    Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken);
}
