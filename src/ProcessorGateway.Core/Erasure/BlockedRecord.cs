namespace ProcessorGateway.Core.Erasure;

/// <summary>A record that blocks erasure: which, held by what (a hold id or a retention rule), and why.</summary>
public sealed record BlockedRecord(string Collection, string RecordId, string HeldBy, string Reason, DateTimeOffset? RetainedUntil);
