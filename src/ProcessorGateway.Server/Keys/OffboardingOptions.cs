using ProcessorGateway.Core.Configuration;
using ProcessorGateway.Core.Offboarding;

namespace ProcessorGateway.Server.Keys;

/// <summary>Bound from <c>Gateway:Offboarding</c>: the two-operator approval of a tenant's destruction.</summary>
public sealed class OffboardingOptions
{
    public const string SectionName = GatewaySections.Offboarding;

    /// <summary>How long a second operator has to approve an offboarding request: more than 0, at most 7 days.</summary>
    public TimeSpan ApprovalWindow { get; set; } = OffboardingSettings.Default.ApprovalWindow;
}
