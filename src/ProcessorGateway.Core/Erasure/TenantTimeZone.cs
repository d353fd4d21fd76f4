using ProcessorGateway.Core.Errors;

namespace ProcessorGateway.Core.Erasure;

/// <summary>
/// Local dates in a tenant's IANA time zone: which day an instant falls on there, and the instant a local day
/// begins. Deadlines end at the start of the next local day, so a day that begins in a daylight-saving gap starts
/// at the first local time that exists, and one whose midnight happens twice starts at the first of them.
/// </summary>
public static class TenantTimeZone
{
    public const int MaxIdLength = 64;

    /// <summary>An IANA zone id (<c>Asia/Kolkata</c>); empty means UTC. Windows ids are refused so stored ids mean the same everywhere.</summary>
    public static TimeZoneInfo Parse(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return TimeZoneInfo.Utc;
        }

        if (id.Length > MaxIdLength || !TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) || !zone.HasIanaId)
        {
            throw DomainErrors.Invalid("time_zone", "must be an IANA time zone id such as Asia/Kolkata or America/Los_Angeles (empty: UTC)");
        }

        return zone;
    }

    /// <summary>The zone's id as stored and shown: empty for UTC.</summary>
    public static string IdOf(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return zone == TimeZoneInfo.Utc ? string.Empty : zone.Id;
    }

    public static DateOnly DayOf(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
