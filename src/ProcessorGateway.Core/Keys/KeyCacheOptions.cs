namespace ProcessorGateway.Core.Keys;

/// <summary>Bounds on how many unwrapped keys stay in memory, and for how long.</summary>
public sealed record KeyCacheOptions
{
    public int Capacity { get; init; } = 10_000;

    public TimeSpan Lifetime { get; init; } = TimeSpan.FromMinutes(5);
}
