using System.Globalization;
using MongoDB.Driver;
using ProcessorGateway.Core.Erasure;
using static ProcessorGateway.Storage.Mongo.Erasure.ErasureRequestMapping;

namespace ProcessorGateway.Storage.Mongo.Erasure;

/// <summary>Calendars, legal holds and retention rules, each in a collection of its own; every query filters on the tenant.</summary>
internal sealed class MongoErasurePolicyStore(MongoContext context) : IErasurePolicyStore
{
    public const string Calendars = "erasure_calendars";
    public const string Holds = "legal_holds";
    public const string Rules = "retention_rules";

    internal IMongoCollection<CalendarDocument> CalendarCollection => context.Database.GetCollection<CalendarDocument>(Calendars);

    internal IMongoCollection<LegalHoldDocument> HoldCollection => context.Database.GetCollection<LegalHoldDocument>(Holds);

    internal IMongoCollection<RetentionRuleDocument> RuleCollection => context.Database.GetCollection<RetentionRuleDocument>(Rules);

    public async Task<BusinessCalendar?> FindCalendarAsync(string tenantId, CancellationToken cancellationToken)
    {
        var found = await MongoErrors.GuardAsync(() => CalendarCollection.Find(d => d.TenantId == tenantId).FirstOrDefaultAsync(cancellationToken)).ConfigureAwait(false);
        return found is null
            ? null
            : new BusinessCalendar(found.WeekendDays.Select(d => (DayOfWeek)d), found.Holidays.Select(BusinessCalendar.ParseHoliday), found.InstitutionPeriod,
                found.VerificationPeriod == 0 ? BusinessCalendar.DefaultVerificationPeriod : found.VerificationPeriod, TenantTimeZone.Parse(found.TimeZone))
            {
                AgeOfMajority = found.AgeOfMajority == 0 ? BusinessCalendar.DefaultAgeOfMajority : found.AgeOfMajority,
            };
    }

    public Task SaveCalendarAsync(string tenantId, BusinessCalendar calendar, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var document = new CalendarDocument
        {
            TenantId = tenantId,
            WeekendDays = calendar.WeekendDays.Select(d => (int)d).Order().ToList(),
            Holidays = calendar.Holidays.Order().Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList(),
            InstitutionPeriod = calendar.InstitutionPeriodBusinessDays,
            VerificationPeriod = calendar.VerificationPeriodBusinessDays,
            TimeZone = TenantTimeZone.IdOf(calendar.TimeZone) is { Length: > 0 } zone ? zone : null,
            AgeOfMajority = calendar.AgeOfMajority,
        };
        return MongoErrors.GuardAsync(() => CalendarCollection.ReplaceOneAsync(d => d.TenantId == tenantId, document,
            new ReplaceOptions { IsUpsert = true }, cancellationToken));
    }

    public Task InsertHoldAsync(LegalHold hold, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hold);
        return MongoErrors.GuardAsync(() => HoldCollection.InsertOneAsync(new LegalHoldDocument
        {
            Id = $"{hold.TenantId}/{hold.HoldId}", TenantId = hold.TenantId, HoldId = hold.HoldId, SubjectId = hold.SubjectId, Collection = hold.Collection,
            Reason = hold.Reason, PlacedAt = hold.PlacedAt.UtcDateTime, PlacedBy = hold.PlacedBy,
        }, cancellationToken: cancellationToken));
    }

    public async Task<LegalHold?> FindHoldAsync(string tenantId, string holdId, CancellationToken cancellationToken)
    {
        var found = await MongoErrors.GuardAsync(() => HoldCollection.Find(d => d.TenantId == tenantId && d.Id == $"{tenantId}/{holdId}")
            .FirstOrDefaultAsync(cancellationToken)).ConfigureAwait(false);
        return found is null ? null : ToDomain(found);
    }

    public async Task<LegalHold?> ReleaseHoldAsync(string tenantId, string holdId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var released = await MongoErrors.GuardAsync(() => HoldCollection.FindOneAndUpdateAsync<LegalHoldDocument>(
            d => d.TenantId == tenantId && d.Id == $"{tenantId}/{holdId}",
            Builders<LegalHoldDocument>.Update.Set(d => d.ReleasedAt, at.UtcDateTime),
            new FindOneAndUpdateOptions<LegalHoldDocument> { ReturnDocument = ReturnDocument.After }, cancellationToken)).ConfigureAwait(false);
        return released is null ? null : ToDomain(released);
    }

    public async Task<IReadOnlyList<LegalHold>> ListHoldsAsync(string tenantId, string? subjectId, bool activeOnly, CancellationToken cancellationToken)
    {
        var f = Builders<LegalHoldDocument>.Filter;
        var filter = f.Eq(d => d.TenantId, tenantId);
        if (subjectId is not null)
        {
            filter &= f.Eq(d => d.SubjectId, subjectId);
        }

        if (activeOnly)
        {
            filter &= f.Exists(d => d.ReleasedAt, exists: false);
        }

        var found = await MongoErrors.GuardAsync(() => HoldCollection.Find(filter).Sort(Builders<LegalHoldDocument>.Sort.Ascending(d => d.PlacedAt))
            .Limit(1_000).ToListAsync(cancellationToken)).ConfigureAwait(false);
        return found.Select(ToDomain).ToList();
    }

    public Task SaveRuleAsync(RetentionRule rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var id = $"{rule.TenantId}/{rule.Collection}";
        return rule.Years == 0
            ? MongoErrors.GuardAsync(() => RuleCollection.DeleteOneAsync(d => d.TenantId == rule.TenantId && d.Id == id, cancellationToken))
            : MongoErrors.GuardAsync(() => RuleCollection.ReplaceOneAsync(d => d.TenantId == rule.TenantId && d.Id == id, new RetentionRuleDocument
            {
                Id = id, TenantId = rule.TenantId, Collection = rule.Collection, Years = rule.Years, DateField = rule.DateField, Reason = rule.Reason,
            }, new ReplaceOptions { IsUpsert = true }, cancellationToken));
    }

    public Task<long> DeleteTenantHoldsAsync(string tenantId, CancellationToken cancellationToken) =>
        MongoErrors.DeletedCountAsync(() => HoldCollection.DeleteManyAsync(d => d.TenantId == tenantId, cancellationToken));

    public Task<long> DeleteTenantRulesAsync(string tenantId, CancellationToken cancellationToken) =>
        MongoErrors.DeletedCountAsync(() => RuleCollection.DeleteManyAsync(d => d.TenantId == tenantId, cancellationToken));

    public Task<long> DeleteCalendarAsync(string tenantId, CancellationToken cancellationToken) =>
        MongoErrors.DeletedCountAsync(() => CalendarCollection.DeleteManyAsync(d => d.TenantId == tenantId, cancellationToken));

    public async Task<IReadOnlyList<RetentionRule>> ListRulesAsync(string tenantId, CancellationToken cancellationToken)
    {
        var found = await MongoErrors.GuardAsync(() => RuleCollection.Find(d => d.TenantId == tenantId).Limit(1_000).ToListAsync(cancellationToken)).ConfigureAwait(false);
        return found.Select(d => new RetentionRule(d.TenantId, d.Collection, d.Years, d.DateField, d.Reason)).OrderBy(r => r.Collection, StringComparer.Ordinal).ToList();
    }

    private static LegalHold ToDomain(LegalHoldDocument d) =>
        new(d.HoldId, d.TenantId, d.SubjectId, d.Collection, d.Reason, At(d.PlacedAt), d.PlacedBy, At(d.ReleasedAt));
}
