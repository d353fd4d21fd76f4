using ProcessorGateway.Core.Errors;

namespace ProcessorGateway.Core.Records;

/// <summary>One row of a batch: its result, or the error it would have had on its own.</summary>
public sealed record BatchItemOutcome(int Index, WriteOutcome? Result, DomainException? Error);
