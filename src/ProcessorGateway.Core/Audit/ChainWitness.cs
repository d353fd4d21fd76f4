namespace ProcessorGateway.Core.Audit;

/// <summary>
/// A head the chain is known to have reached: the stored checkpoint, or one the caller kept from an earlier
/// verification. A chain that ends before it, or holds another event at its place, was cut or rewritten.
/// </summary>
/// <param name="Source">Who saw it, in words, for the report.</param>
public sealed record ChainWitness(long Sequence, string Hash, string Source);
