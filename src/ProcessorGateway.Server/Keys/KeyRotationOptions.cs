using ProcessorGateway.Core.Configuration;

namespace ProcessorGateway.Server.Keys;

/// <summary>Bound from <c>Gateway:KeyRotation</c>.</summary>
public sealed class KeyRotationOptions
{
    public const string SectionName = GatewaySections.KeyRotation;

    /// <summary>How often the rewrap job looks for work.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
}
