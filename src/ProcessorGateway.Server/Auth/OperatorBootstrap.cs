using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Core.Clients;
using ProcessorGateway.Core.Schemas;

namespace ProcessorGateway.Server.Auth;

/// <summary>
/// At start-up, makes sure the configured bootstrap operator exists with the configured secret, so a
/// fresh deployment has one client that can create tenants and register everyone else.
/// </summary>
internal sealed class OperatorBootstrap(ClientService clients, IOptions<GatewayAuthOptions> options, ILogger<OperatorBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var bootstrap = options.Value.BootstrapOperator;
        if (string.IsNullOrEmpty(bootstrap.ClientId) || string.IsNullOrEmpty(bootstrap.Secret))
        {
            return;
        }

        await clients.EnsureSystemClientAsync(bootstrap.ClientId, tenantId: null, "Bootstrap operator", Scopes.All, Purposes.Standard, bootstrap.Secret, cancellationToken)
            .ConfigureAwait(false);
        GatewayLog.OperatorEnsured(logger, bootstrap.ClientId);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
