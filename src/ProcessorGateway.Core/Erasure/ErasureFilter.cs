namespace ProcessorGateway.Core.Erasure;

/// <summary>Which requests of a tenant to list: by state, open ones due before a time, or overdue ones.</summary>
public sealed record ErasureFilter(ErasureState? State, DateTimeOffset? DueBefore, DateTimeOffset? DueAfter, int Skip, int Limit);
