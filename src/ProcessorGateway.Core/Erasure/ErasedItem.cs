namespace ProcessorGateway.Core.Erasure;

/// <summary>
/// State besides records that an erasure deleted: its kind (one of <see cref="ErasedKinds"/>) and how many
/// documents of it. Counted before anything is deleted and stored with the request, so a resumed execution
/// states the same counts and signs the same receipt.
/// </summary>
public sealed record ErasedItem(string Kind, long Count);
