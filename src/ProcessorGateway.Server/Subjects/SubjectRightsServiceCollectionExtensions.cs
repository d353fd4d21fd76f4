using Microsoft.Extensions.DependencyInjection.Extensions;
using ProcessorGateway.Core.Subjects;

namespace ProcessorGateway.Server.Subjects;

public static class SubjectRightsServiceCollectionExtensions
{
    /// <summary>Data-subject rights: profiles (minors), consents, communication preferences and exports.</summary>
    public static IServiceCollection AddSubjectRights(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ErasedSubjectGuard>();
        services.TryAddSingleton<SubjectProfileService>();
        services.TryAddSingleton<ConsentService>();
        services.TryAddSingleton<MinorConsentGate>();
        services.TryAddSingleton<CommunicationPreferenceService>();
        services.TryAddSingleton<SubjectExportService>();
        return services;
    }
}
