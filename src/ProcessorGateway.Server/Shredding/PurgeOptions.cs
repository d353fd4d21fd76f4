using ProcessorGateway.Core.Configuration;

namespace ProcessorGateway.Server.Shredding;

/// <summary>Bound from <c>Gateway:Purge</c>.</summary>
public sealed class PurgeOptions
{
    public const string SectionName = GatewaySections.Purge;

    /// <summary>How long after a shred its (unreadable) ciphertext is removed from MongoDB.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often the purge job runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}
