using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Core.Clients;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Tenants;
using ProcessorGateway.Server.Auth;
using ProcessorGateway.Storage.Mongo;

namespace ProcessorGateway.Server.Development;

/// <summary>
/// In Development only: once the server listens, make sure the development tenant exists (with every
/// education template) and give it two clients with fresh secrets: one bound to the tenant with every
/// purpose, and an operator. Then write them to the credentials file (mode 0600: the only place the secrets go) and
/// print where to reach the gateway and how to use that file.
/// </summary>
internal sealed class DevelopmentSetup(
    IHostApplicationLifetime lifetime,
    IServer server,
    TenantService tenants,
    ClientService clients,
    IOptions<DevelopmentOptions> options,
    IOptions<MongoStorageOptions> mongo,
    ILogger<DevelopmentSetup> logger) : BackgroundService
{
    private const string TenantClientSuffix = "_app";
    private const string OperatorClientId = "dev-operator";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.SeedTenant)
        {
            return;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task.ConfigureAwait(false);
        }

        try
        {
            await tenants.CreateAsync(settings.TenantId, settings.DisplayName, EducationTemplates.All.Select(t => t.Collection).ToList(), stoppingToken)
                .ConfigureAwait(false);
            GatewayLog.DevelopmentTenantCreated(logger, settings.TenantId);
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.FailedPrecondition)
        {
            GatewayLog.DevelopmentTenantExists(logger, settings.TenantId);
        }

        // Fresh secrets on every start: only their hashes are kept, so the old ones cannot be shown again.
        var tenantClientId = settings.TenantId + TenantClientSuffix;
        var tenantSecret = ClientSecrets.Generate();
        var tenantScopes = Scopes.All.Where(s => s != Scopes.TenantsAdmin).ToList();
        await clients.EnsureSystemClientAsync(tenantClientId, settings.TenantId, "Development school app", tenantScopes, Purposes.Standard, tenantSecret, stoppingToken)
            .ConfigureAwait(false);
        var operatorSecret = ClientSecrets.Generate();
        await clients.EnsureSystemClientAsync(OperatorClientId, null, "Development operator", Scopes.All, Purposes.Standard, operatorSecret, stoppingToken)
            .ConfigureAwait(false);

        // Listeners are bound in order: gRPC first, then HTTP/1.1 (the token endpoint, JSON and gRPC-Web).
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        var grpc = addresses.ElementAtOrDefault(0) ?? "unknown";
        var http = (addresses.ElementAtOrDefault(1) ?? "unknown").TrimEnd('/');
        var tokenEndpoint = http + GatewayAuthExtensions.TokenEndpointPath;
        var credentials = new DevelopmentCredentials(grpc, tokenEndpoint, http, mongo.Value.ConnectionString, settings.TenantId,
            tenantClientId, tenantSecret, OperatorClientId, operatorSecret);
        string? path = null;
        if (!string.IsNullOrWhiteSpace(settings.CredentialsPath))
        {
            path = Path.GetFullPath(settings.CredentialsPath);
            await PrivateFile.WriteAsync(path, JsonSerializer.Serialize(credentials, Indented), stoppingToken).ConfigureAwait(false);
        }

        // Console, not the logger: this screen is for the developer. It names the file; the secrets stay in it.
        await Console.Out.WriteLineAsync(DevelopmentBanner.Format(credentials, path)).ConfigureAwait(false);
    }
}
