namespace ProcessorGateway.Core.Subjects;

/// <summary>The named places in a subject export that other areas fill through <see cref="ISubjectExportSection"/>.</summary>
public static class SubjectExportSections
{
    /// <summary>Legal holds and retention rules that block erasure (ErasureService).</summary>
    public const string LegalHolds = "legal_holds";

    /// <summary>Who accessed the subject's data, when and why (the audit log).</summary>
    public const string AccessHistory = "access_history";

    /// <summary>Releases of the subject's data to recipients outside the platform, with their legal basis.</summary>
    public const string Disclosures = "disclosures";

    public static IReadOnlyList<string> All { get; } = [LegalHolds, Disclosures, AccessHistory];
}
