namespace ProcessorGateway.Core.Records;

/// <summary>One reason a record is kept: the hold or rule, its stated legal basis, and for a rule the date it keeps the record until.</summary>
public sealed record RetentionGround(string HeldBy, string Reason, DateTimeOffset? RetainedUntil);
