namespace ProcessorGateway.Core.Records;

/// <summary>Why a field came back masked: stable codes for the audit log (the text reason goes to the caller).</summary>
public static class MaskReasons
{
    /// <summary>The field's schema does not list the call's purpose.</summary>
    public const string PurposeNotAllowed = "purpose_not_allowed";

    /// <summary>The subject is a minor and no live consent covers the call's purpose.</summary>
    public const string MinorWithoutConsent = "minor_without_consent";

    /// <summary>The call's purpose is of category analytics and the field is neither plain nor allows analytics.</summary>
    public const string AnalyticsNotAllowed = "analytics_not_allowed";

    /// <summary>The value is stored encrypted but the current schema declares the field plain: it is never decrypted.</summary>
    public const string DeclaredPlainStoredEncrypted = "declared_plain_stored_encrypted";

    /// <summary>The field was written under an older schema that no longer has it.</summary>
    public const string NotInSchema = "field_not_in_schema";
}
