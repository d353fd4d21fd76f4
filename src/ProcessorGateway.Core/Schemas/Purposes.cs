namespace ProcessorGateway.Core.Schemas;

/// <summary>The purposes the platform's policy names. Tenants may use others; these are the shared vocabulary.</summary>
public static class Purposes
{
    public const string Attendance = "attendance";
    public const string Fees = "fees";
    public const string Academic = "academic";
    public const string Analytics = "analytics";
    public const string Communication = "communication";
    public const string Support = "support";
    public const string Administration = "administration";
    public const string Employment = "employment";
    public const string Safeguarding = "safeguarding";

    public static IReadOnlyList<string> Standard { get; } =
        [Attendance, Fees, Academic, Analytics, Communication, Support, Administration, Employment, Safeguarding];
}
