namespace ProcessorGateway.Core.Schemas;

/// <summary>
/// The purposes the platform's policy names, registered for every tenant with a fixed category
/// (<see cref="PurposeCategories.Standard"/>). A tenant registers others with RegisterPurpose.
/// </summary>
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

    /// <summary>Security of the service: investigating misuse, access reviews (category security).</summary>
    public const string Security = "security";

    public static IReadOnlyList<string> Standard { get; } =
        [Attendance, Fees, Academic, Analytics, Communication, Support, Administration, Employment, Safeguarding, Security];
}
