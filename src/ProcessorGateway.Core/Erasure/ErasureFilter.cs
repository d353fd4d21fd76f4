namespace ProcessorGateway.Core.Erasure;

/// <summary>Which requests of a tenant to list: by state, open ones due before a time, or overdue ones; at most <paramref name="Limit"/> after a position.</summary>
public sealed record ErasureFilter(ErasureState? State, DateTimeOffset? DueBefore, DateTimeOffset? DueAfter, ErasureRequestPosition? After, int Limit);
