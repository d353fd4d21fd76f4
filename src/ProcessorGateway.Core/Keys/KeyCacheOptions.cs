using ProcessorGateway.Core.Configuration;

namespace ProcessorGateway.Core.Keys;

/// <summary>Bounds on how many unwrapped keys stay in memory, and for how long (<c>Gateway:KeyCache</c>).</summary>
public sealed record KeyCacheOptions
{
    public const string SectionName = GatewaySections.KeyCache;

    public int Capacity { get; init; } = 10_000;

    public TimeSpan Lifetime { get; init; } = TimeSpan.FromMinutes(5);
}
