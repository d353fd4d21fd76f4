namespace ProcessorGateway.Core.Audit;

/// <summary>
/// What unauthenticated refusals are counted by: where they came from, what was tried, and why it was refused.
/// Every part but the source comes from the gateway's own code (a method name, a status, a <see cref="RefusalReasons"/> entry).
/// </summary>
/// <param name="Source">The caller's address as the connection shows it; <see cref="RefusalTally.OverflowSource"/> once the tally is full; <c>null</c> when unknown.</param>
/// <param name="Action">The gRPC method as <c>Service.Method</c>, or <c>TokenEndpoint.Token</c>.</param>
/// <param name="Status">The gRPC status name, or the OAuth error.</param>
public readonly record struct RefusalKey(string? Source, string Action, string Status, string Reason);
