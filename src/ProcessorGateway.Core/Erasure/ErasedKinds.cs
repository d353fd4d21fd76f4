namespace ProcessorGateway.Core.Erasure;

/// <summary>The kinds an <see cref="ErasedItem"/> names, as the receipt and <c>ErasureRequest.also_erased</c> spell them.</summary>
public static class ErasedKinds
{
    public const string SubjectProfiles = "subject_profile";
    public const string Consents = "consents";
    public const string CommunicationPreferences = "communication_preferences";
    public const string Schemas = "schemas";
    public const string Clients = "clients";
    public const string LegalHolds = "legal_holds";
    public const string RetentionRules = "retention_rules";
    public const string ErasureCalendar = "erasure_calendar";
    public const string ErasureRequests = "erasure_requests";
    public const string IdempotencyKeys = "idempotency_keys";

    /// <summary>What a subject's erasure deletes besides its records, in the order the receipt lists them.</summary>
    public static IReadOnlyList<string> Subject { get; } = [SubjectProfiles, Consents, CommunicationPreferences];

    /// <summary>
    /// What a tenant's offboarding deletes besides its records, in the order the receipt lists them. The notification
    /// channels are not among them: they are removed after the receipt is delivered to them (<see cref="TenantStateEraser"/>).
    /// </summary>
    public static IReadOnlyList<string> Tenant { get; } =
    [
        SubjectProfiles, Consents, CommunicationPreferences, Schemas, Clients, LegalHolds, RetentionRules, ErasureCalendar, ErasureRequests, IdempotencyKeys,
    ];
}
