using ProcessorGateway.Core.Audit;

namespace ProcessorGateway.Storage.Mongo.Audit;

internal static class AuditEventMapper
{
    public static AuditEventDocument ToDocument(ChainedAuditEvent chained)
    {
        var e = chained.Entry;
        return new AuditEventDocument
        {
            Id = AuditEventIds.Of(chained.ChainId, chained.Sequence),
            ChainId = chained.ChainId,
            EventId = e.EventId,
            PreviousHash = chained.PreviousHash,
            Hash = chained.Hash,
            Time = e.Time.UtcDateTime,
            Actor = e.Actor,
            TenantId = e.TenantId,
            Purpose = e.Purpose,
            Action = e.Action,
            RecordIds = [.. e.RecordIds],
            SubjectIds = [.. e.SubjectIds],
            Fields = [.. e.Fields],
            Outcome = (int)e.Outcome,
            Status = e.Status,
            ClientIp = e.ClientIp,
            UserAgent = e.UserAgent,
            TraceId = e.TraceId,
        };
    }

    /// <summary>The sequence number is the event's place, read from its id: what an event says of itself is what the hash checks.</summary>
    public static ChainedAuditEvent FromDocument(AuditEventDocument d) => new(
        d.ChainId,
        AuditEventIds.SequenceOf(d.Id),
        new AuditEntry(
            d.EventId,
            new DateTimeOffset(DateTime.SpecifyKind(d.Time, DateTimeKind.Utc)),
            d.Actor,
            d.TenantId,
            d.Purpose,
            d.Action,
            d.RecordIds,
            d.SubjectIds,
            d.Fields,
            (AuditOutcome)d.Outcome,
            d.Status,
            d.ClientIp,
            d.UserAgent,
            d.TraceId),
        d.PreviousHash,
        d.Hash);

    /// <summary>MongoDB keeps milliseconds: hash what will be read back.</summary>
    public static AuditEntry Storable(AuditEntry entry)
    {
        var ticks = entry.Time.UtcTicks;
        return entry with { Time = new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero) };
    }
}
