using System.Runtime.CompilerServices;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Records;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Tenants;
using ProcessorGateway.Core.Validation;

namespace ProcessorGateway.Core.Subjects;

/// <summary>
/// Access and portability: one subject's data, or a whole tenant's, as NDJSON chunks. Records come
/// through a cursor and leave in chunks of whole lines, so memory stays flat as the tenant grows.
/// Exports are not masked by purpose or by the minor gate: they are the right of access itself.
/// </summary>
public sealed class SubjectExportService(
    TenantService tenants, ISchemaRepository schemaRepository, IRecordExportSource source, RecordCodec codec,
    ISubjectProfileStore profiles, IConsentStore consents, ICommunicationPreferenceStore preferences, ConsentService consentService,
    IEnumerable<ISubjectExportSection> sections, TimeProvider time, PurposeRegistry purposes)
{
    private readonly ISubjectExportSection[] _sections = sections.ToArray();

    public async IAsyncEnumerable<ExportChunk> ExportSubjectAsync(
        string? tenantId, string? subjectId, string? purpose, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var subject = Identifiers.RecordId(subjectId, "subject_id");
        var why = Identifiers.Name(purpose, "purpose");
        var tenant = await tenants.GetActiveAsync(tenantId, cancellationToken).ConfigureAwait(false);
        await purposes.ResolveAsync(tenant.TenantId, why, cancellationToken).ConfigureAwait(false);
        var total = await source.CountSubjectAsync(tenant.TenantId, subject, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var done = 0L;
        using var output = new NdjsonChunker();
        var header = output.Line("header");
        header.WriteString("format", ExportLines.Format);
        header.WriteString("scope", "subject");
        header.WriteString("tenant_id", tenant.TenantId);
        header.WriteString("subject_id", subject);
        header.WriteString("purpose", why);
        header.WriteString("generated_at", ExportLines.Time(now));
        header.WriteNumber("records_total", total);

        var schemaCache = new Dictionary<string, CollectionSchema?>(StringComparer.Ordinal);
        var erased = 0L;
        await foreach (var stored in source.StreamSubjectAsync(tenant.TenantId, subject, cancellationToken).ConfigureAwait(false))
        {
            // An erased subject's records are named only; records an erasure kept (legal hold, retention) come in full, saying why.
            erased += await WriteRecordAsync(output, tenant, stored, schemaCache, cancellationToken).ConfigureAwait(false) ? 0 : 1;
            done++;
            if (output.IsFull)
            {
                yield return new ExportChunk(output.Take(), done, total);
            }
        }

        var profile = await profiles.FindAsync(tenant.TenantId, subject, cancellationToken).ConfigureAwait(false)
            ?? new SubjectProfile(tenant.TenantId, subject, Minor: false, UpdatedAt: null);
        ExportLines.Profile(output, profile);
        var held = await consents.ListAsync(tenant.TenantId, subject, cancellationToken).ConfigureAwait(false);
        foreach (var consent in held)
        {
            ExportLines.Consent(output, consent, await OpenOrNullAsync(tenant, consent, cancellationToken).ConfigureAwait(false), now);
        }

        var choices = await preferences.ListAsync(tenant.TenantId, subject, cancellationToken).ConfigureAwait(false);
        foreach (var preference in choices)
        {
            ExportLines.Preference(output, preference);
        }

        await WritePurposesAsync(output, tenant.TenantId, cancellationToken).ConfigureAwait(false);
        foreach (var name in SubjectExportSections.All)
        {
            var provider = _sections.FirstOrDefault(s => s.Name == name);
            var line = output.Line("section");
            line.WriteString("section", name);
            line.WriteBoolean("available", provider is not null);
            if (provider is null)
            {
                line.WriteString("note", "not provided by this gateway");
                continue;
            }

            await foreach (var sectionLine in provider.ReadAsync(tenant.TenantId, subject, cancellationToken).ConfigureAwait(false))
            {
                sectionLine.WriteProperties(output.Line(sectionLine.Type));
                if (output.IsFull)
                {
                    yield return new ExportChunk(output.Take(), done, total);
                }
            }
        }

        Trailer(output, done, erased, held.Count, choices.Count);
        yield return new ExportChunk(output.Take(), done, total);
    }

    public async IAsyncEnumerable<ExportChunk> ExportTenantAsync(string? tenantId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var tenant = await tenants.GetActiveAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var total = await source.CountTenantAsync(tenant.TenantId, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        using var output = new NdjsonChunker();
        var header = output.Line("header");
        header.WriteString("format", ExportLines.Format);
        header.WriteString("scope", "tenant");
        header.WriteString("tenant_id", tenant.TenantId);
        header.WriteString("display_name", tenant.DisplayName);
        header.WriteString("generated_at", ExportLines.Time(now));
        header.WriteNumber("records_total", total);

        var schemaCache = new Dictionary<string, CollectionSchema?>(StringComparer.Ordinal);
        foreach (var schema in await schemaRepository.ListLatestAsync(tenant.TenantId, cancellationToken).ConfigureAwait(false))
        {
            schemaCache[schema.Collection] = schema;
            ExportLines.Schema(output, schema);
        }

        long done = 0, erased = 0;
        await foreach (var stored in source.StreamTenantAsync(tenant.TenantId, cancellationToken).ConfigureAwait(false))
        {
            done++;
            erased += await WriteRecordAsync(output, tenant, stored, schemaCache, cancellationToken).ConfigureAwait(false) ? 0 : 1;
            if (output.IsFull)
            {
                yield return new ExportChunk(output.Take(), done, total);
            }
        }

        await foreach (var profile in profiles.StreamAsync(tenant.TenantId, cancellationToken).ConfigureAwait(false))
        {
            ExportLines.Profile(output, profile);
            if (output.IsFull)
            {
                yield return new ExportChunk(output.Take(), done, total);
            }
        }

        var consentCount = 0;
        await foreach (var consent in consents.StreamAsync(tenant.TenantId, cancellationToken).ConfigureAwait(false))
        {
            ExportLines.Consent(output, consent, await OpenOrNullAsync(tenant, consent, cancellationToken).ConfigureAwait(false), now);
            consentCount++;
            if (output.IsFull)
            {
                yield return new ExportChunk(output.Take(), done, total);
            }
        }

        var preferenceCount = 0;
        await foreach (var preference in preferences.StreamAsync(tenant.TenantId, cancellationToken).ConfigureAwait(false))
        {
            ExportLines.Preference(output, preference);
            preferenceCount++;
            if (output.IsFull)
            {
                yield return new ExportChunk(output.Take(), done, total);
            }
        }

        await WritePurposesAsync(output, tenant.TenantId, cancellationToken).ConfigureAwait(false);
        Trailer(output, done, erased, consentCount, preferenceCount);
        yield return new ExportChunk(output.Take(), done, total);
    }

    /// <summary>Every purpose of the tenant with its category, so each purpose the export names (schemas, consents, disclosures) is explained.</summary>
    private async Task WritePurposesAsync(NdjsonChunker output, string tenantId, CancellationToken cancellationToken)
    {
        foreach (var purpose in await purposes.ListAsync(tenantId, cancellationToken).ConfigureAwait(false))
        {
            ExportLines.Purpose(output, purpose);
        }
    }

    private static void Trailer(NdjsonChunker output, long records, long erased, int consentCount, int preferenceCount)
    {
        var trailer = output.Line("trailer");
        trailer.WriteNumber("records", records);
        trailer.WriteNumber("records_erased", erased);
        trailer.WriteNumber("consents", consentCount);
        trailer.WriteNumber("communication_preferences", preferenceCount);
    }

    /// <returns><c>false</c> when the record's subject (or its retained key) was erased: the ciphertext waits for the purge job and is exported as a name only.</returns>
    private async Task<bool> WriteRecordAsync(
        NdjsonChunker output, Tenant tenant, StoredRecord stored, Dictionary<string, CollectionSchema?> schemaCache, CancellationToken cancellationToken)
    {
        Dictionary<string, Values.FieldValue> values;
        try
        {
            values = await codec.OpenAllAsync(tenant, stored, cancellationToken).ConfigureAwait(false);
        }
        catch (DomainException e) when (e.Code == DomainErrors.DataErasedCode)
        {
            var line = output.Line("record_erased");
            line.WriteString("collection", stored.Collection);
            line.WriteString("record_id", stored.RecordId);
            return false;
        }

        ExportLines.Record(output, stored, values, await SchemaAsync(schemaCache, tenant.TenantId, stored.Collection, cancellationToken).ConfigureAwait(false));
        return true;
    }

    private async Task<Consent?> OpenOrNullAsync(Tenant tenant, StoredConsent consent, CancellationToken cancellationToken)
    {
        try
        {
            return await consentService.OpenAsync(tenant, consent, cancellationToken).ConfigureAwait(false);
        }
        catch (DomainException e) when (e.Code == DomainErrors.DataErasedCode)
        {
            return null;
        }
    }

    private async Task<CollectionSchema?> SchemaAsync(
        Dictionary<string, CollectionSchema?> cache, string tenantId, string collection, CancellationToken cancellationToken)
    {
        if (!cache.TryGetValue(collection, out var schema))
        {
            schema = await schemaRepository.FindAsync(tenantId, collection, 0, cancellationToken).ConfigureAwait(false);
            cache[collection] = schema;
        }

        return schema;
    }
}
