namespace ProcessorGateway.Core.Validation;

/// <summary>
/// Size bounds on everything a caller sends. They keep each record well below MongoDB's 16 MiB
/// document limit, which the gateway enforces itself because not every server does.
/// </summary>
public static class Limits
{
    public const int TenantIdMaxLength = 63;
    public const int IdentifierMaxLength = 64;
    public const int RecordIdMaxLength = 128;
    public const int IdempotencyKeyMaxLength = 128;
    public const int DisplayNameMaxLength = 200;

    /// <summary>The free-text reasons kept with erasures, holds, retention rules and shreds.</summary>
    public const int ReasonMaxLength = 500;
    public const int MaxFieldsPerSchema = 200;
    public const int MaxFieldsPerRecord = 200;
    public const int MaxPurposesPerField = 32;
    public const int MaxStringValueBytes = 64 * 1024;
    public const int MaxBytesValueLength = 1024 * 1024;
    public const int MaxStringListItems = 1000;
    public const int MaxRecordPayloadBytes = 4 * 1024 * 1024;

    /// <summary>One request message as it arrives: a record at its largest, plus room for its envelope.</summary>
    public const int MaxRequestMessageBytes = MaxRecordPayloadBytes + (1024 * 1024);
    public const int MaxQueryFilters = 16;
    public const int MaxBatchItems = 10_000;
    public const int MaxRetentionDays = 365 * 100;
}
