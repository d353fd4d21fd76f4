using System.Globalization;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Validation;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Schemas;

/// <summary>What makes a collection's retention settings well-formed.</summary>
internal static class RetentionRules
{
    /// <returns>The settings to store: <see cref="CollectionRetention.None"/> for <c>null</c>, an empty date field as none.</returns>
    public static CollectionRetention Check(IReadOnlyList<FieldDefinition> fields, CollectionRetention? retention)
    {
        if (retention is null)
        {
            return CollectionRetention.None;
        }

        if (retention.Days < 0 || retention.Days > Limits.MaxRetentionDays)
        {
            throw DomainErrors.Invalid("retention_days", string.Create(CultureInfo.InvariantCulture, $"must be 0 (records kept until deleted) to {Limits.MaxRetentionDays}"));
        }

        if (!Enum.IsDefined(retention.Start))
        {
            throw DomainErrors.Invalid("retention_start", "must be RETENTION_START_UNSPECIFIED, RETENTION_START_RECORD_CREATED, RETENTION_START_RECORD_UPDATED or RETENTION_START_DATE_FIELD");
        }

        var dateField = string.IsNullOrEmpty(retention.DateField) ? null : retention.DateField;
        if (retention.Start != RetentionStart.DateField)
        {
            return dateField is null
                ? retention with { DateField = null }
                : throw DomainErrors.Invalid("retention_date_field", "is only read with RETENTION_START_DATE_FIELD; leave it empty");
        }

        if (dateField is null)
        {
            throw DomainErrors.Invalid("retention_date_field", "RETENTION_START_DATE_FIELD needs the plain timestamp field the periods are counted from");
        }

        var definition = fields.FirstOrDefault(f => f.Name == dateField)
            ?? throw DomainErrors.Invalid("retention_date_field", $"names '{dateField}', which is not a field of the schema");
        if (definition.Type != FieldType.Timestamp)
        {
            throw DomainErrors.Invalid("retention_date_field", $"names '{dateField}', a {definition.Type} field; it must name a timestamp field");
        }

        // The retention job finds due records by querying the date, which it can only do on a value stored in the clear.
        return definition.Class == FieldClass.Plain
            ? retention
            : throw DomainErrors.Invalid("retention_date_field", $"names '{dateField}', a {definition.Class} field; it must name a plain field (the retention job queries it without decrypting)");
    }
}
