using System.Globalization;
using ProcessorGateway.Core.Errors;

namespace ProcessorGateway.Core.Validation;

/// <summary>
/// Identifier rules. Each is a small allow-list, so no identifier can carry a MongoDB operator
/// (<c>$</c>), a path separator (<c>.</c>), a NUL or anything else a storage layer might interpret.
/// </summary>
public static class Identifiers
{
    /// <summary>Tenant ids: lower-case letters, digits and hyphens, starting with a letter or digit.</summary>
    public static string TenantId(string? value, string field = "tenant_id") =>
        Check(value, field, 2, Limits.TenantIdMaxLength, IsTenantChar, first: c => IsLower(c) || char.IsAsciiDigit(c),
            "must be 2-63 characters of a-z, 0-9 and '-', starting with a letter or digit");

    /// <summary>Collection, field and purpose names: lower-case snake case, starting with a letter.</summary>
    public static string Name(string? value, string field) =>
        Check(value, field, 1, Limits.IdentifierMaxLength, IsNameChar, first: IsLower,
            "must be 1-64 characters of a-z, 0-9 and '_', starting with a letter");

    /// <summary>Record and subject ids: letters, digits and <c>-_:@+=</c>, never '$', '.', '/' or NUL.</summary>
    public static string RecordId(string? value, string field) =>
        Check(value, field, 1, Limits.RecordIdMaxLength, IsRecordIdChar, first: char.IsAsciiLetterOrDigit,
            "must be 1-128 characters of A-Z, a-z, 0-9 and '-_:@+=', starting with a letter or digit");

    public static string? OptionalRecordId(string? value, string field) =>
        string.IsNullOrEmpty(value) ? null : RecordId(value, field);

    public static string? IdempotencyKey(string? value, string field = "idempotency_key") =>
        string.IsNullOrEmpty(value)
            ? null
            : Check(value, field, 8, Limits.IdempotencyKeyMaxLength, c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':',
                first: char.IsAsciiLetterOrDigit,
                "must be 8-128 characters of A-Z, a-z, 0-9 and '-_:' (a UUID is a good key)");

    /// <summary>Why something was done, kept with it (ledger, receipt, hold): required, bounded, no control characters.</summary>
    public static string Reason(string? value, string field = "reason") =>
        string.IsNullOrWhiteSpace(value) || value.Length > Limits.ReasonMaxLength || value.Any(char.IsControl)
            ? throw DomainErrors.Invalid(field, string.Create(CultureInfo.InvariantCulture,
                $"is required: up to {Limits.ReasonMaxLength} characters saying why, with no control characters (never a personal value)"))
            : value.Trim();

    public static string DisplayName(string? value, string field = "display_name") => Text(value, field, Limits.DisplayNameMaxLength, required: true);

    /// <summary>Free text a person reads (a name, a relationship): trimmed, bounded, no control characters; optional text may be empty.</summary>
    public static string Text(string? value, string field, int maxLength, bool required)
    {
        var text = value?.Trim() ?? string.Empty;
        if (required && text.Length == 0)
        {
            throw DomainErrors.Required(field);
        }

        return text.Length > maxLength || text.Any(char.IsControl)
            ? throw DomainErrors.Invalid(field, string.Create(CultureInfo.InvariantCulture, $"must be at most {maxLength} characters with no control characters"))
            : text;
    }

    private static string Check(string? value, string field, int min, int max, Func<char, bool> allowed, Func<char, bool> first, string rule)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw DomainErrors.Required(field);
        }

        if (value.Length < min || value.Length > max || !first(value[0]) || !value.All(allowed))
        {
            throw DomainErrors.Invalid(field, rule);
        }

        return value;
    }

    private static bool IsLower(char c) => c is >= 'a' and <= 'z';

    private static bool IsTenantChar(char c) => IsLower(c) || char.IsAsciiDigit(c) || c == '-';

    private static bool IsNameChar(char c) => IsLower(c) || char.IsAsciiDigit(c) || c == '_';

    private static bool IsRecordIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':' or '@' or '+' or '=';
}
