namespace ProcessorGateway.Core.Records;

public sealed record DeleteCommand(
    string? TenantId,
    string? Collection,
    string? RecordId,
    long ExpectedVersion,
    string? IdempotencyKey,
    string? Purpose);
