using ProcessorGateway.Core.Configuration;

namespace ProcessorGateway.Server.Subjects;

/// <summary>
/// Bound from <c>Gateway:ServiceProviders</c>, a list (<c>Gateway:ServiceProviders:0:Name</c> and so on):
/// the deployment's sub-processors, which institutions may ask to see. Empty by default.
/// </summary>
public sealed class ServiceProvidersOptions
{
    public const string SectionName = GatewaySections.ServiceProviders;

    /// <summary>A bound the configuration cannot reach by accident, so the listing stays one small reply.</summary>
    internal const int MaxProviders = 100;

    internal const int MaxNameLength = 200;
    internal const int MaxPurposeLength = 500;
    internal const int MaxLocationLength = 500;

    public IList<ServiceProviderOptions> Providers { get; } = [];
}
