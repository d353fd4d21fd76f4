using System.CommandLine;
using System.Globalization;
using ProcessorGateway.Contracts.V1;

namespace ProcessorGateway.Cli;

/// <summary><c>pgctl erasure calendar show|set</c>: the business days, time zone and periods a tenant's deadlines are counted in.</summary>
internal static class CalendarCommands
{
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    public static Command Create(GlobalOptions global)
    {
        var calendar = new Command("calendar", "The tenant's erasure calendar: weekend days, holidays, time zone, the verification and institution periods, and the age of majority.");
        calendar.Add(Show(global));
        calendar.Add(Set(global));
        return calendar;
    }

    private static Command Show(GlobalOptions global)
    {
        var tenant = new Option<string>("--tenant") { Description = "The tenant.", Required = true };
        var command = new Command("show", "Show the tenant's erasure calendar.") { tenant };
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
            context.Print(await context.Connection.Erasure.GetErasureCalendarAsync(new GetErasureCalendarRequest { TenantId = context.Required(tenant) },
                context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false), Write)));
        return command;
    }

    /// <summary>Changes only what is given: the rest is read from the current calendar first.</summary>
    private static Command Set(GlobalOptions global)
    {
        var tenant = new Option<string>("--tenant") { Description = "The tenant.", Required = true };
        var zone = new Option<string?>("--time-zone") { Description = "IANA time zone (Asia/Kolkata); \"UTC\" or \"\" for UTC." };
        var weekend = new Option<string[]>("--weekend") { Description = "Weekend days (sun..sat), e.g. --weekend fri --weekend sat.", AllowMultipleArgumentsPerToken = true };
        weekend.AcceptOnlyFromAmong(DayNames);
        var holidays = new Option<string[]>("--holiday") { Description = "A holiday (yyyy-MM-dd, local date); repeat for several. Replaces the list.", AllowMultipleArgumentsPerToken = true };
        var noHolidays = new Option<bool>("--no-holidays") { Description = "Clear the holidays." };
        var institution = new Option<int?>("--institution-days") { Description = "Business days institution-managed data has after verification (30-45)." };
        var verification = new Option<int?>("--verification-days") { Description = "Business days after receipt a request must be verified in (1-30)." };
        var majority = new Option<int?>("--age-of-majority") { Description = "Years (14-21) before which a date of birth makes a subject a minor (a schema's minor_field)." };
        var command = new Command("set", "Change the tenant's erasure calendar; what is not given stays as it is.")
        {
            tenant, zone, weekend, holidays, noHolidays, institution, verification, majority,
        };
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
        {
            var tenantId = context.Required(tenant);
            var current = await context.Connection.Erasure.GetErasureCalendarAsync(new GetErasureCalendarRequest { TenantId = tenantId },
                context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false);
            var days = context.Value(weekend) is { Length: > 0 } given ? given.Select(d => Array.IndexOf(DayNames, d)) : current.WeekendDays;
            var dates = context.Value(noHolidays) ? [] : context.Value(holidays) is { Length: > 0 } listed ? listed : (IEnumerable<string>)current.Holidays;
            var timeZone = context.Value(zone) ?? current.TimeZone;
            var reply = await context.Connection.Erasure.SetErasureCalendarAsync(new SetErasureCalendarRequest
            {
                TenantId = tenantId,
                WeekendDays = { days.Distinct() },
                Holidays = { dates },
                TimeZone = timeZone == "UTC" ? string.Empty : timeZone,
                InstitutionPeriodBusinessDays = context.Value(institution) ?? current.InstitutionPeriodBusinessDays,
                VerificationPeriodBusinessDays = context.Value(verification) ?? current.VerificationPeriodBusinessDays,
                AgeOfMajority = context.Value(majority) ?? current.AgeOfMajority,
            }, context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false);
            context.Print(reply, Write);
        }));
        return command;
    }

    private static void Write(TextWriter output, ErasureCalendar c) => TextBlock.Write(output,
    [
        ("time zone", c.TimeZone.Length > 0 ? c.TimeZone : "UTC"),
        ("weekend", string.Join(" ", c.WeekendDays.Select(d => DayNames[d]))),
        ("holidays", c.Holidays.Count > 0 ? string.Join(" ", c.Holidays) : "-"),
        ("verification period", string.Create(CultureInfo.InvariantCulture, $"{c.VerificationPeriodBusinessDays} business days after receipt")),
        ("institution period", string.Create(CultureInfo.InvariantCulture, $"{c.InstitutionPeriodBusinessDays} business days after verification")),
        ("age of majority", string.Create(CultureInfo.InvariantCulture, $"{c.AgeOfMajority} years")),
    ]);
}
