namespace ProcessorGateway.Core.Shredding;

/// <summary>How long backups are kept, so a shred can state when the last copy ages out.</summary>
/// <param name="RecordBackups">Record backups may keep (unreadable) ciphertext this long; the policy allows up to 90 days.</param>
/// <param name="KeyVaultBackups">Much shorter: a key-vault backup older than a shred is the one copy that could bring a key back.</param>
public sealed record BackupRetention(TimeSpan RecordBackups, TimeSpan KeyVaultBackups)
{
    public static BackupRetention Default { get; } = new(TimeSpan.FromDays(90), TimeSpan.FromDays(7));
}
