using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Core.Clients;
using ProcessorGateway.Core.Schemas;

namespace ProcessorGateway.Server.Auth;

/// <summary>
/// At start-up, makes sure the configured bootstrap operator exists with the configured public key (or, in
/// Development, secret), so a fresh deployment has one client that can create tenants and register everyone else.
/// </summary>
internal sealed class OperatorBootstrap(ClientService clients, IOptions<GatewayAuthOptions> options, ILogger<OperatorBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var bootstrap = options.Value.BootstrapOperator;
        if (string.IsNullOrEmpty(bootstrap.ClientId) || (string.IsNullOrEmpty(bootstrap.Secret) && string.IsNullOrEmpty(bootstrap.PublicKeyPath)))
        {
            return;
        }

        // The options validator has read the key already; a file replaced since is read again here.
        var publicKey = string.IsNullOrEmpty(bootstrap.PublicKeyPath)
            ? null
            : await File.ReadAllTextAsync(bootstrap.PublicKeyPath, cancellationToken).ConfigureAwait(false);
        await clients.EnsureSystemClientAsync(bootstrap.ClientId, tenantId: null, "Bootstrap operator", Scopes.All, Purposes.Standard,
            publicKey is null ? bootstrap.Secret : null, cancellationToken, publicKey).ConfigureAwait(false);
        GatewayLog.OperatorEnsured(logger, bootstrap.ClientId);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
