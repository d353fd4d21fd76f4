using System.Globalization;
using ProcessorGateway.Core.Crypto;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Paging;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Tenants;
using ProcessorGateway.Core.Validation;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Records;

/// <summary>Reads: one record, or a page of a query, masked for the caller's purpose.</summary>
public sealed class RecordReader(
    TenantService tenants, SchemaService schemas, IRecordRepository records, TenantKeyring keyring, RecordCodec codec, Pager pager,
    Subjects.MinorConsentGate minors, Retention.ExpiryReader expiries, PurposeRegistry purposes)
{
    public async Task<RecordView> GetAsync(string? tenantId, string? collection, string? recordId, string? purpose, CancellationToken cancellationToken)
    {
        Identifiers.TenantId(tenantId);
        Identifiers.Name(collection, "collection");
        var id = Identifiers.RecordId(recordId, "record_id");
        var why = Identifiers.Name(purpose, "purpose");
        var tenant = await tenants.GetActiveAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var analytics = await purposes.ResolveAsync(tenant.TenantId, why, cancellationToken).ConfigureAwait(false) == PurposeCategory.Analytics;
        var schema = await schemas.GetAsync(tenant.TenantId, collection, 0, cancellationToken).ConfigureAwait(false);
        var stored = await records.FindAsync(tenant.TenantId, schema.Collection, id, cancellationToken).ConfigureAwait(false)
            ?? throw DomainErrors.RecordNotFound(schema.Collection, id);
        var minorValue = await codec.MinorValueAsync(tenant, schema, stored, cancellationToken).ConfigureAwait(false);
        var withheld = await minors.WithholdReasonAsync(tenant.TenantId, schema, stored.SubjectId, minorValue, why, cancellationToken).ConfigureAwait(false);
        var view = await codec.OpenAsync(tenant, schema, stored, why, cancellationToken, withheld, analytics).ConfigureAwait(false);
        return await expiries.ForCall(tenant.TenantId, schema, cancellationToken)(stored, view).ConfigureAwait(false);
    }

    public async Task<Page<RecordView>> QueryAsync(QueryCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        Identifiers.TenantId(command.TenantId);
        Identifiers.Name(command.Collection, "collection");
        var subjectId = Identifiers.OptionalRecordId(command.SubjectId, "subject_id");
        var purpose = Identifiers.Name(command.Purpose, "purpose");
        Pager.Size(command.PageSize);

        if (command.Filters.Count > Limits.MaxQueryFilters)
        {
            throw DomainErrors.Invalid("filters", string.Create(CultureInfo.InvariantCulture, $"at most {Limits.MaxQueryFilters} filters"));
        }

        var tenant = await tenants.GetActiveAsync(command.TenantId, cancellationToken).ConfigureAwait(false);
        var analytics = await purposes.ResolveAsync(tenant.TenantId, purpose, cancellationToken).ConfigureAwait(false) == PurposeCategory.Analytics;
        var schema = await schemas.GetAsync(tenant.TenantId, command.Collection, 0, cancellationToken).ConfigureAwait(false);
        using var indexKey = await keyring.GetIndexKeyAsync(tenant, cancellationToken).ConfigureAwait(false);

        var plainEquals = new List<KeyValuePair<string, FieldValue>>();
        var tokens = new List<byte[]>();
        using var fingerprint = new RequestFingerprint(indexKey, "query");
        fingerprint.Add(tenant.TenantId).Add(schema.Collection).Add(subjectId);
        for (var i = 0; i < command.Filters.Count; i++)
        {
            var (name, value) = command.Filters[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"filters[{i}]");
            var definition = RecordFields.Definition(schema, name, $"{at}.field");
            if (!definition.Class.IsQueryable())
            {
                throw DomainErrors.Invalid($"{at}.field", $"field '{definition.Name}' is {definition.Class} and cannot be searched; only plain and personal_searchable fields can");
            }

            // A search on a field answers whether a record holds a value: that is a read of the field.
            if (!definition.IsReadableFor(purpose) || (analytics && !definition.IsReadableForAnalytics))
            {
                throw DomainErrors.PurposeMayNotSearch($"{at}.field", purpose, definition.Name);
            }

            var match = CheckFilterValue(schema, definition, value, $"{at}.equals");
            if (definition.Class == FieldClass.Plain)
            {
                plainEquals.Add(new(definition.Name, match));
                fingerprint.Add(definition.Name).Add(match);
            }
            else
            {
                var token = BlindIndex.Token(indexKey, schema.Collection, definition.Name, match);
                tokens.Add(token);
                fingerprint.Add(definition.Name).Add(token);
            }
        }

        var names = NameSearchFilter.Resolve(schema, command.NamePrefix, purpose, analytics, indexKey, fingerprint);

        // The fingerprint is keyed and covers the collection: personal filter values never reach the token unkeyed.
        var request = pager.Open(new PageScope(tenant.TenantId, "QueryRecords", fingerprint.Finish()), command.PageSize, command.PageToken);
        var found = await records.QueryAsync(tenant.TenantId,
            new RecordQuery(schema.Collection, subjectId, plainEquals, tokens, request.After, request.Size + 1) { NameTokens = names?.Tokens ?? [] },
            cancellationToken).ConfigureAwait(false);

        // The next page starts after the last record scanned, shown or not.
        var scanned = pager.Cut(request, found, r => r.RecordId);
        var page = new List<RecordView>(scanned.Items.Count);
        var withholdReason = minors.ForCall(tenant.TenantId, schema, purpose, cancellationToken);
        var withExpiry = expiries.ForCall(tenant.TenantId, schema, cancellationToken);
        foreach (var stored in scanned.Items)
        {
            try
            {
                var minorValue = await codec.MinorValueAsync(tenant, schema, stored, cancellationToken).ConfigureAwait(false);
                var withheld = await withholdReason(stored.SubjectId, minorValue).ConfigureAwait(false);
                if (withheld is not null && (tokens.Count > 0 || names is not null))
                {
                    // A match on a personal field would tell that a minor holds that value: without consent, no match.
                    continue;
                }

                var view = await codec.OpenAsync(tenant, schema, stored, purpose, cancellationToken, withheld, analytics).ConfigureAwait(false);

                // Tokens carry no order: a candidate whose name holds the prefixes otherwise is not a match.
                if (names is not null && !names.Matches(view))
                {
                    continue;
                }

                page.Add(await withExpiry(stored, view).ConfigureAwait(false));
            }
            catch (DomainException e) when (e.Code == DomainErrors.DataErasedCode)
            {
                // An erased subject's records are gone for every reader; the purge job removes the ciphertext later.
            }
        }

        return new Page<RecordView>(page, scanned.NextPageToken);
    }

    private static FieldValue CheckFilterValue(CollectionSchema schema, FieldDefinition definition, FieldValue? value, string at)
    {
        // A string list matches on any one item, so its filter value is a single string.
        if (definition.Type == FieldType.StringList && value is StringValue item)
        {
            return RecordFields.CheckValue(schema with { Fields = [definition with { Type = FieldType.String }] }, definition.Name, item, at);
        }

        return RecordFields.CheckValue(schema, definition.Name, value, at);
    }
}
