using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Audit;
using ProcessorGateway.Storage.Mongo.Audit;

namespace ProcessorGateway.Server.Audit;

public static class GatewayAuditExtensions
{
    /// <summary>
    /// The audit log: its MongoDB store, the recorder the interceptor, the authorization middleware and
    /// the token endpoint write through, the counted record of unauthenticated refusals and its flush, and the
    /// reader behind AuditService.
    /// </summary>
    public static WebApplicationBuilder AddGatewayAudit(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddMongoAuditLog(builder.Configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditOptions>, AuditProductionValidator>());
        services.TryAddSingleton<AuditRecorder>();
        services.TryAddSingleton<CrossTenantAttemptRecorder>();
        services.TryAddSingleton<UnauthenticatedRefusalRecorder>();
        services.AddHostedService<UnauthenticatedRefusalFlushJob>();
        services.TryAddSingleton<IAuditSubjectKeys, KeyringAuditSubjectKeys>();
        services.TryAddSingleton<AuditSubjects>();
        services.TryAddSingleton<ErasureAuditNotes>();
        services.TryAddSingleton<AuditReader>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Core.Subjects.ISubjectExportSection, Core.Audit.AccessHistoryExportSection>());
        services.TryAddSingleton<JobAuditor>();
        services.TryAddSingleton<AuditRetention>();
        services.AddHostedService<AuditRetentionJob>();
        services.Replace(ServiceDescriptor.Singleton<IAuthorizationMiddlewareResultHandler, AuditingAuthorizationResultHandler>());
        services.TryAddScoped<TokenRequestAuditHandler>();
        services.AddOpenIddict().AddServer(options => options.AddEventHandler<OpenIddict.Server.OpenIddictServerEvents.ApplyTokenResponseContext>(handler =>
            handler.UseScopedHandler<TokenRequestAuditHandler>().SetOrder(TokenRequestAuditHandler.Order)));
        return builder;
    }
}
