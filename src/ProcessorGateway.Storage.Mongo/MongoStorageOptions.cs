using ProcessorGateway.Core.Configuration;

namespace ProcessorGateway.Storage.Mongo;

/// <summary>Bound from the <c>Gateway:Mongo</c> configuration section (<c>Gateway__Mongo__ConnectionString</c> and so on).</summary>
public sealed class MongoStorageOptions
{
    public const string SectionName = GatewaySections.Mongo;

    /// <summary>Records, schemas, tenants and idempotency keys.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    public string Database { get; set; } = "processorgateway";

    /// <summary>Optional: a separate cluster for wrapped keys and the Data Protection key ring. Empty: the same as <see cref="ConnectionString"/>.</summary>
    public string? KeyVaultConnectionString { get; set; }

    /// <summary>The key vault lives in a database of its own, so it can have its own (shorter) backup policy.</summary>
    public string KeyVaultDatabase { get; set; } = "processorgateway_keyvault";

    /// <summary>
    /// The shred ledger's database. Apart from the key vault and the records, and never restored to an
    /// earlier point: it is what keeps a restored key from ever being used again.
    /// </summary>
    public string LedgerDatabase { get; set; } = "processorgateway_ledger";

    /// <summary>Optional: a separate cluster for the ledger. Empty: the same as <see cref="ConnectionString"/>.</summary>
    public string? LedgerConnectionString { get; set; }

    /// <summary>How long to look for a usable server before failing a call with UNAVAILABLE.</summary>
    public TimeSpan ServerSelectionTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Upper bound on one operation on the wire, so an outage never hangs a call.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Acknowledge writes only once a majority of the replica set holds them.</summary>
    public bool MajorityWrites { get; set; } = true;
}
