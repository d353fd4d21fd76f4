using ProcessorGateway.Core.Errors;

namespace ProcessorGateway.Core.Subjects;

/// <summary>
/// The channels and categories messaging services use. Everything is allowed until the subject opts
/// out; emergency messages cannot be opted out of (a school must be able to reach a family).
/// </summary>
public static class CommunicationVocabulary
{
    public const string Emergency = "emergency";

    public static IReadOnlyList<string> Channels { get; } = ["sms", "whatsapp", "email"];

    public static IReadOnlyList<string> Categories { get; } = ["attendance", "fees", "academic", "events", "marketing", Emergency];

    public static string Channel(string? value) => OneOf(value, Channels, "channel");

    public static string Category(string? value) => OneOf(value, Categories, "category");

    private static string OneOf(string? value, IReadOnlyList<string> known, string field) =>
        string.IsNullOrEmpty(value) ? throw DomainErrors.Required(field)
        : known.Contains(value, StringComparer.Ordinal) ? value
        : throw DomainErrors.Invalid(field, $"must be one of {string.Join(", ", known)}");
}
