using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Subjects;

namespace ProcessorGateway.Server.Subjects;

public static class SubjectRightsServiceCollectionExtensions
{
    /// <summary>Data-subject rights: profiles (minors), consents, communication preferences, exports, disclosures, and the deployment's service providers.</summary>
    public static IServiceCollection AddSubjectRights(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton<ErasedSubjectGuard>();
        services.TryAddSingleton<SubjectProfileService>();
        services.TryAddSingleton<ConsentService>();
        services.TryAddSingleton<MinorConsentGate>();
        services.TryAddSingleton<CommunicationPreferenceService>();
        services.TryAddSingleton<SubjectExportService>();
        services.TryAddSingleton<DisclosureService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISubjectExportSection, DisclosuresExportSection>());

        // The section is a list, so it binds into the options' list rather than onto the options object.
        services.AddOptions<ServiceProvidersOptions>()
            .Configure(o => configuration.GetSection(ServiceProvidersOptions.SectionName).Bind(o.Providers))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ServiceProvidersOptions>, ServiceProvidersOptionsValidator>());
        return services;
    }
}
