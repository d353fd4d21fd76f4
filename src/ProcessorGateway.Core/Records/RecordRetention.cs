using ProcessorGateway.Core.Keys;

namespace ProcessorGateway.Core.Records;

/// <summary>
/// A record its subject's erasure had to keep: its personal fields are under a retained key of its own
/// (not the destroyed subject key), it is read-only, and it goes once nothing keeps it and a later erasure
/// destroys that key. Ids, reasons and dates only.
/// </summary>
/// <param name="Key">The retained key the record's personal fields are encrypted under.</param>
/// <param name="RequestId">The erasure request that kept it.</param>
/// <param name="Grounds">Why: each legal hold or retention rule that keeps it.</param>
public sealed record RecordRetention(KeyReference Key, string RequestId, IReadOnlyList<RetentionGround> Grounds);
