using ProcessorGateway.Core.Configuration;
using ProcessorGateway.Core.Shredding;

namespace ProcessorGateway.Server.Hosting;

/// <summary>Bound from <c>Gateway:Backups</c>: how long the operator keeps backups, so a shred can say when the last copy ages out.</summary>
public sealed class BackupOptions
{
    public const string SectionName = GatewaySections.Backups;

    /// <summary>Record backups; the policy allows up to 90 days.</summary>
    public TimeSpan RecordBackupRetention { get; set; } = BackupRetention.Default.RecordBackups;

    /// <summary>Key-vault backups: keep them short, a copy older than a shred is the one that could bring a key back.</summary>
    public TimeSpan KeyVaultBackupRetention { get; set; } = BackupRetention.Default.KeyVaultBackups;
}
