using ProcessorGateway.Core.Keys;

namespace ProcessorGateway.Core.Shredding;

/// <summary>
/// A tombstone in the shred ledger: which key was destroyed, when, why and by whom. No key material.
/// The ledger outlives restores of the key vault: any key id in it is never used again.
/// </summary>
public sealed record ShredRecord(
    Guid KeyId,
    string TenantId,
    KeyKind Kind,
    string? SubjectId,
    DateTimeOffset ShreddedAt,
    string Reason,
    string Actor);
