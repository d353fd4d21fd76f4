using ProcessorGateway.Core.Audit;
using ProcessorGateway.Core.Keys;

namespace ProcessorGateway.Storage.Mongo.Audit;

internal static class AuditEventMapper
{
    /// <summary>Consecutive events of one chain, the first right after the block before, as one block.</summary>
    public static AuditBlockDocument ToBlock(IReadOnlyList<ChainedAuditEvent> events)
    {
        var first = events[0];
        return new AuditBlockDocument
        {
            Id = AuditBlockIds.Of(first.ChainId, first.Sequence),
            ChainId = first.ChainId,
            Events = [.. events.Select(ToDocument)],
        };
    }

    /// <summary>Each event's place is the block's first place plus its index: what the block says of itself is what the hashes check.</summary>
    public static IEnumerable<ChainedAuditEvent> FromBlock(AuditBlockDocument block)
    {
        var first = AuditBlockIds.SequenceOf(block.Id);
        return block.Events.Select((e, index) => FromDocument(block.ChainId, first + index, e));
    }

    /// <summary>MongoDB keeps milliseconds: hash what will be read back.</summary>
    public static AuditEntry Storable(AuditEntry entry) => entry with { Time = ToMilliseconds(entry.Time) };

    /// <summary>A time as MongoDB stores it, and compares it in a query: to the millisecond, in UTC.</summary>
    public static DateTimeOffset ToMilliseconds(DateTimeOffset time)
    {
        var ticks = time.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    /// <summary>
    /// An upper bound on the event's size in BSON, cheaply: every character at its widest in UTF-8, and a
    /// generous allowance per element for names, types and lengths.
    /// </summary>
    public static int MaxBytes(AuditEntry entry)
    {
        const int PerElement = 32;
        const int BytesPerChar = 3;
        var strings = entry.EventId.Length + entry.Actor.Length + entry.Action.Length + entry.Status.Length
            + (entry.TenantId?.Length ?? 0) + (entry.Purpose?.Length ?? 0) + (entry.PurposeCategory?.Length ?? 0) + (entry.ClientIp?.Length ?? 0)
            + (entry.UserAgent?.Length ?? 0) + (entry.TraceId?.Length ?? 0) + (entry.Reason?.Length ?? 0) + (2 * AuditHash.Genesis.Length)
            + entry.RecordIds.Sum(id => id.Length) + entry.SubjectIds.Sum(id => id.Length) + entry.Fields.Sum(f => f.Length);
        strings += entry.SubjectRefs?.Sum(r => 32 + (2 * (r.Token.Length + r.Sealed.Length))) ?? 0;
        var elements = 21 + entry.RecordIds.Count + entry.SubjectIds.Count + entry.Fields.Count + (5 * (entry.SubjectRefs?.Count ?? 0));
        return (strings * BytesPerChar) + (elements * PerElement);
    }

    private static AuditEventDocument ToDocument(ChainedAuditEvent chained)
    {
        var e = chained.Entry;
        return new AuditEventDocument
        {
            EventId = e.EventId,
            PreviousHash = chained.PreviousHash,
            Hash = chained.Hash,
            Time = e.Time.UtcDateTime,
            Actor = e.Actor,
            TenantId = e.TenantId,
            Purpose = e.Purpose,
            PurposeCategory = e.PurposeCategory,
            Action = e.Action,
            RecordIds = [.. e.RecordIds],
            SubjectIds = [.. e.SubjectIds],
            SubjectRefs = e.SubjectRefs?.Select(r => new SubjectReferenceDocument
            {
                KeyId = r.Key.Id.ToString("N"), KeyVersion = r.Key.Version, Token = r.Token, Sealed = r.Sealed,
            }).ToArray(),
            UnnamedSubjects = e.UnnamedSubjects,
            Fields = [.. e.Fields],
            Outcome = (int)e.Outcome,
            Status = e.Status,
            ClientIp = e.ClientIp,
            UserAgent = e.UserAgent,
            TraceId = e.TraceId,
            Count = e.Count == 1 ? null : e.Count,
            Reason = e.Reason,
        };
    }

    /// <summary>A malformed key id is kept as an empty one: the reference then opens under no key, and the hash shows the change.</summary>
    private static SubjectReference FromDocument(SubjectReferenceDocument d) =>
        new(new KeyReference(Guid.TryParseExact(d.KeyId, "N", out var id) ? id : Guid.Empty, d.KeyVersion), d.Token, d.Sealed);

    private static ChainedAuditEvent FromDocument(string chainId, long sequence, AuditEventDocument d) => new(
        chainId,
        sequence,
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
            d.TraceId)
        {
            SubjectRefs = d.SubjectRefs?.Select(FromDocument).ToArray(),
            UnnamedSubjects = d.UnnamedSubjects,
            PurposeCategory = d.PurposeCategory,
            Count = d.Count ?? 1,
            Reason = d.Reason,
        },
        d.PreviousHash,
        d.Hash);
}
