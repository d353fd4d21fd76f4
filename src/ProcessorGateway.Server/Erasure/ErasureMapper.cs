using Google.Protobuf.WellKnownTypes;
using ProcessorGateway.Core.Erasure;

namespace ProcessorGateway.Server.Erasure;

/// <summary>Erasure domain types to and from their protobuf messages.</summary>
internal static class ErasureMapper
{
    public static Contracts.V1.ErasureRequest ToProto(Core.Erasure.ErasureRequest r, DateTimeOffset now)
    {
        var reply = new Contracts.V1.ErasureRequest
        {
            RequestId = r.RequestId,
            TenantId = r.TenantId,
            Scope = (Contracts.V1.ErasureScope)(int)r.Scope,
            SubjectId = r.SubjectId ?? string.Empty,
            Kind = (Contracts.V1.ErasureKind)(int)r.Kind,
            State = (Contracts.V1.ErasureState)(int)r.State,
            Reason = r.Reason,
            ReceivedAt = Timestamp.FromDateTimeOffset(r.ReceivedAt),
            VerifiedAt = Ts(r.VerifiedAt),
            DueAt = Ts(r.DueAt),
            VerificationDueAt = Ts(r.VerificationDueAt),
            VerifiedBy = r.VerifiedBy ?? string.Empty,
            VerificationNote = r.VerificationNote ?? string.Empty,
            ExecutedAt = Ts(r.ExecutedAt),
            PurgedAt = Ts(r.PurgedAt),
            RefusalReason = r.RefusalReason ?? string.Empty,
            Receipt = r.Receipt ?? string.Empty,
            Overdue = r.IsOverdue(now),
            NobodyToNotify = r.NobodyToNotify,
        };
        reply.AlsoErased.AddRange((r.AlsoErased ?? []).Select(i => new Contracts.V1.ErasedItem { Kind = i.Kind, Count = i.Count }));
        reply.Parts.AddRange(r.Parts.Select(p => ToProto(r, p, now)));
        reply.BlockedRecords.AddRange(r.Blocked.Select(b => new Contracts.V1.BlockedRecord
        {
            Collection = b.Collection, RecordId = b.RecordId, HeldBy = b.HeldBy, Reason = b.Reason, RetainedUntil = Ts(b.RetainedUntil),
        }));
        return reply;
    }

    /// <summary>A part shows its request's end state once the request is purged or refused.</summary>
    public static Contracts.V1.ErasurePart ToProto(Core.Erasure.ErasureRequest r, Core.Erasure.ErasurePart p, DateTimeOffset now)
    {
        var part = new Contracts.V1.ErasurePart
        {
            DataClass = (Contracts.V1.DataClass)(int)p.Class,
            Collections = { p.Collections },
            State = (Contracts.V1.ErasureState)(int)(r.State is Core.Erasure.ErasureState.Purged or Core.Erasure.ErasureState.Refused ? r.State : p.State),
            DueAt = Ts(p.DueAt),
            ExecuteAfter = Ts(p.ExecuteAfter),
            ExecutedAt = Ts(p.ExecutedAt),
            Overdue = r.IsOpen && p.IsOverdue(now),
        };
        foreach (var (collection, count) in p.RecordCounts ?? new Dictionary<string, long>())
        {
            part.RecordCounts[collection] = count;
        }

        return part;
    }

    public static Contracts.V1.LegalHold ToProto(Core.Erasure.LegalHold h) => new()
    {
        HoldId = h.HoldId, TenantId = h.TenantId, SubjectId = h.SubjectId, Collection = h.Collection ?? string.Empty, Reason = h.Reason,
        PlacedAt = Timestamp.FromDateTimeOffset(h.PlacedAt), ReleasedAt = Ts(h.ReleasedAt), PlacedBy = h.PlacedBy,
    };

    public static Contracts.V1.RetentionRule ToProto(Core.Erasure.RetentionRule r) => new()
    {
        TenantId = r.TenantId, Collection = r.Collection, RetentionYears = r.Years, DateField = r.DateField ?? string.Empty, Reason = r.Reason,
    };

    public static Contracts.V1.ErasureCalendar ToProto(string tenantId, BusinessCalendar c) => new()
    {
        TenantId = tenantId,
        WeekendDays = { c.WeekendDays.Select(d => (int)d).Order() },
        Holidays = { c.Holidays.Order().Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)) },
        InstitutionPeriodBusinessDays = c.InstitutionPeriodBusinessDays,
        VerificationPeriodBusinessDays = c.VerificationPeriodBusinessDays,
        TimeZone = TenantTimeZone.IdOf(c.TimeZone),
        AgeOfMajority = c.AgeOfMajority,
    };

    public static Core.Erasure.ErasureScope Scope(Contracts.V1.ErasureScope scope) => scope switch
    {
        Contracts.V1.ErasureScope.Subject => Core.Erasure.ErasureScope.Subject,
        Contracts.V1.ErasureScope.Tenant => Core.Erasure.ErasureScope.Tenant,
        _ => throw Core.Errors.DomainErrors.Invalid("scope", "must be ERASURE_SCOPE_SUBJECT or ERASURE_SCOPE_TENANT"),
    };

    public static Core.Erasure.ErasureState? State(Contracts.V1.ErasureState state) => state switch
    {
        Contracts.V1.ErasureState.Unspecified => null,
        _ when System.Enum.IsDefined((Core.Erasure.ErasureState)(int)state) => (Core.Erasure.ErasureState)(int)state,
        _ => throw Core.Errors.DomainErrors.Invalid("state", "is not a known erasure state"),
    };

    private static Timestamp? Ts(DateTimeOffset? at) => at is { } v ? Timestamp.FromDateTimeOffset(v) : null;
}
