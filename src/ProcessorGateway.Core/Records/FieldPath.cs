using System.Diagnostics.CodeAnalysis;
using ProcessorGateway.Core.Validation;

namespace ProcessorGateway.Core.Records;

/// <summary>
/// Where an error about a record field points: <c>fields.name</c> for a name that could be a field's. Any other
/// name is never echoed: a caller may have put a value there by mistake, and frameworks log status details.
/// </summary>
public static class FieldPath
{
    public static string Of(string? name) => IsFieldName(name) ? $"fields.{name}" : "fields";

    public static bool IsFieldName([NotNullWhen(true)] string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= Limits.IdentifierMaxLength && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');
}
