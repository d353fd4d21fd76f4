using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Core.Notifications;
using ProcessorGateway.Core.Notifications.Webhooks;
using ProcessorGateway.Storage.Mongo.Erasure;

namespace ProcessorGateway.Server.Erasure;

public static class ErasureServiceCollectionExtensions
{
    /// <summary>Erasure requests, holds, rules, receipts and the notification outbox, with their jobs.</summary>
    public static IServiceCollection AddGatewayErasure(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddMongoErasureStorage();
        services.AddOptions<ErasureOptions>().Bind(configuration.GetSection(ErasureOptions.SectionName))
            .Validate(o => o.JobInterval >= TimeSpan.FromMilliseconds(100) && o.Lease >= TimeSpan.FromSeconds(1) && o.DueSoonWindow > TimeSpan.Zero,
                $"{ErasureOptions.SectionName}:JobInterval must be at least 100 ms, {ErasureOptions.SectionName}:Lease at least 1 second and {ErasureOptions.SectionName}:DueSoonWindow positive.")
            .Validate(o => o.GracePeriod > TimeSpan.Zero && o.GracePeriod <= TimeSpan.FromDays(1),
                $"{ErasureOptions.SectionName}:GracePeriod must be more than zero and at most one day (1.00:00:00).")
            .ValidateOnStart();
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.SectionName))
            .Validate(o => o.Interval >= TimeSpan.FromMilliseconds(100) && o.Lease >= TimeSpan.FromSeconds(1) && o.FirstRetry > TimeSpan.Zero
                    && o.MaxRetry >= o.FirstRetry && o.MaxAttempts is >= 1 and <= 100,
                $"{NotificationOptions.SectionName}: Interval at least 100 ms, Lease at least 1 second, 0 < FirstRetry <= MaxRetry, MaxAttempts 1-100.")
            .Validate(o => o.ResendWindow >= TimeSpan.FromSeconds(1) && o.ResendWindow <= TimeSpan.FromDays(90),
                $"{NotificationOptions.SectionName}:ResendWindow must be 1 second to 90 days.")
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationOptions>, WebhookOptionsValidator>());

        services.TryAddSingleton(sp => new ErasureClock(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<ErasureOptions>>().Value;
            // A pass may come one interval late, and a crashed execution is resumed one lease later: the latest a part
            // may be set to execute keeps both before its deadline.
            return new ErasureSettings(o.Lease, o.DueSoonWindow, o.GracePeriod, o.JobInterval + o.Lease);
        });
        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<NotificationOptions>>().Value;
            return new DeliveryBackoff(o.FirstRetry, o.MaxRetry, o.MaxAttempts);
        });
        services.TryAddSingleton<ErasurePolicyService>();
        services.TryAddSingleton<ErasureBlocks>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Core.Subjects.ISubjectExportSection, LegalHoldsExportSection>());
        services.TryAddSingleton<RecordRetainer>();
        services.TryAddSingleton<SubjectStateEraser>();
        services.TryAddSingleton<TenantStateEraser>();
        services.TryAddSingleton<ErasurePlanner>();
        services.TryAddSingleton<ErasureExecutor>();
        services.TryAddSingleton<ErasureService>();
        services.TryAddSingleton<KeptRecordSweep>();
        services.TryAddSingleton(sp => new NotificationSettings(sp.GetRequiredService<IOptions<NotificationOptions>>().Value.ResendWindow));
        services.TryAddSingleton<NotificationService>();
        services.TryAddSingleton<OutboxDelivery>();
        services.TryAddSingleton<RequesterContacts>();
        services.TryAddSingleton<INotificationLog, LoggingNotificationLog>();
        services.TryAddSingleton<IReceiptSigner, JwsReceiptSigner>();
        services.TryAddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationSender, WebhookSender>());
        services.TryAddSingleton<SmtpSender>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationSender, SmtpSender>(sp => sp.GetRequiredService<SmtpSender>()));
        services.TryAddSingleton<IMailer>(sp => sp.GetRequiredService<SmtpSender>());
        services.TryAddSingleton<IHostResolver, SystemHostResolver>();
        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<NotificationOptions>>().Value.Webhooks;
            return new WebhookSettings(o.AllowLoopback, [.. o.AllowedHosts], o.AllowedPorts is { } ports ? [.. ports] : WebhookSettings.DefaultPorts);
        });
        services.TryAddSingleton<WebhookPolicy>();
        services.TryAddSingleton<WebhookConnector>();
        // No proxy (it would be the address connected to, not the webhook's) and no redirects (each would be a new, unchecked URL).
        services.AddHttpClient(WebhookSender.HttpClientName).ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
        {
            AllowAutoRedirect = false, UseProxy = false, ConnectCallback = sp.GetRequiredService<WebhookConnector>().ConnectAsync,
        });
        services.TryAddSingleton<ErasureMetrics>();
        services.AddHostedService<ErasureJob>();
        services.AddHostedService<NotificationJob>();
        return services;
    }
}
