using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Tenants;
using ProcessorGateway.Storage.Mongo;

namespace ProcessorGateway.Server.Development;

/// <summary>
/// In Development only: once the server listens, make sure the development tenant exists (with every
/// education template), then print where to reach the gateway and write it to the credentials file.
/// </summary>
internal sealed partial class DevelopmentSetup(
    IHostApplicationLifetime lifetime,
    IServer server,
    TenantService tenants,
    IOptions<DevelopmentOptions> options,
    IOptions<MongoStorageOptions> mongo,
    ILogger<DevelopmentSetup> logger) : BackgroundService
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task.ConfigureAwait(false);
        }

        var settings = options.Value;
        try
        {
            await tenants.CreateAsync(settings.TenantId, settings.DisplayName, EducationTemplates.All.Select(t => t.Collection).ToList(), stoppingToken)
                .ConfigureAwait(false);
            LogTenantCreated(logger, settings.TenantId);
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.FailedPrecondition)
        {
            LogTenantExists(logger, settings.TenantId);
        }

        var grpc = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "unknown";
        var credentials = new DevelopmentCredentials(grpc, null, mongo.Value.ConnectionString, settings.TenantId, null, null, null, null);
        var json = JsonSerializer.Serialize(credentials, Indented);
        if (!string.IsNullOrWhiteSpace(settings.CredentialsPath))
        {
            var path = Path.GetFullPath(settings.CredentialsPath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, json, stoppingToken).ConfigureAwait(false);
        }

        // Console, not the logger: this is the one screen a developer reads first, and it holds no personal data.
        await Console.Out.WriteLineAsync(
            $"""

            ProcessorGateway (development) is ready.
              gRPC (HTTP/2, plaintext, loopback): {grpc}
              development tenant: {settings.TenantId}
              credentials file: {settings.CredentialsPath ?? "(not written: set Gateway__Dev__CredentialsPath)"}
            {json}

            """).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Development tenant {TenantId} created with every education template")]
    private static partial void LogTenantCreated(ILogger logger, string tenantId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Development tenant {TenantId} already exists")]
    private static partial void LogTenantExists(ILogger logger, string tenantId);
}
