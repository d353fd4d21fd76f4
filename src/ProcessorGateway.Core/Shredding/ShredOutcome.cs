namespace ProcessorGateway.Core.Shredding;

/// <summary>What a shred destroyed and what follows from it.</summary>
/// <param name="KeyIds">The destroyed keys, so a lost ledger can be rebuilt from receipts.</param>
/// <param name="OtherReplicasClearBy">Until replicas acknowledge evictions, when every other replica's cache has lapsed.</param>
/// <param name="Replayed">True when the subject or tenant had been shredded already; the dates are the first shred's.</param>
public sealed record ShredOutcome(
    IReadOnlyList<Guid> KeyIds,
    DateTimeOffset ShreddedAt,
    DateTimeOffset RecordBackupsAgeOutBy,
    DateTimeOffset KeyVaultBackupsAgeOutBy,
    DateTimeOffset OtherReplicasClearBy,
    bool Replayed);
