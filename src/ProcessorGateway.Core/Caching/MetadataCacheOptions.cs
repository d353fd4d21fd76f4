using ProcessorGateway.Core.Configuration;

namespace ProcessorGateway.Core.Caching;

/// <summary>Bounds on the metadata cache (<c>Gateway:MetadataCache</c>).</summary>
public sealed record MetadataCacheOptions
{
    public const string SectionName = GatewaySections.MetadataCache;

    /// <summary>
    /// The longest an entry is used. A change on this replica evicts at once and one on another replica within
    /// the Redis message delay; the lifetime bounds what a lost message could leave behind, and is how long a
    /// change waits before replying when it cannot tell the other replicas.
    /// </summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromSeconds(10);

    public int Capacity { get; init; } = 10_000;
}
