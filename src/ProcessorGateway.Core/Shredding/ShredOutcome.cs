namespace ProcessorGateway.Core.Shredding;

/// <summary>What a shred destroyed and what follows from it.</summary>
/// <param name="KeyIds">The destroyed keys, so a lost ledger can be rebuilt from receipts.</param>
/// <param name="Replayed">True when the subject or tenant had been shredded already; the dates are the first shred's.</param>
/// <param name="Invalidation">How the other replicas were told, before this reply; <c>null</c> for a replay.</param>
public sealed record ShredOutcome(
    IReadOnlyList<Guid> KeyIds,
    DateTimeOffset ShreddedAt,
    DateTimeOffset RecordBackupsAgeOutBy,
    DateTimeOffset KeyVaultBackupsAgeOutBy,
    bool Replayed,
    InvalidationOutcome? Invalidation);
