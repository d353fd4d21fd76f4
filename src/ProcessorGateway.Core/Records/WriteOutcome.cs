namespace ProcessorGateway.Core.Records;

/// <param name="Replayed">True when the result repeats an earlier call with the same idempotency key.</param>
public sealed record WriteOutcome(string RecordId, long Version, bool Replayed);
