using System.Security.Cryptography;
using ProcessorGateway.Core.Crypto;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Tenants;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Records;

/// <summary>Turns checked values into a stored record (encrypting and indexing) and back (decrypting and masking).</summary>
public sealed class RecordCodec(TenantKeyring keyring)
{
    internal async Task<StoredRecord> SealAsync(
        Tenant tenant, CollectionSchema schema, string recordId, string? subjectId, IReadOnlyDictionary<string, FieldValue> values,
        long version, string? idempotencyKey, DateTimeOffset createdAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var plain = new Dictionary<string, FieldValue>(StringComparer.Ordinal);
        var encrypted = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var tokens = new List<byte[]>();
        var nameTokens = new List<byte[]>();
        using var subjectKey = subjectId is null ? null : await keyring.GetSubjectKeyAsync(tenant, subjectId, cancellationToken).ConfigureAwait(false);
        KeyMaterial? tenantKey = null;
        KeyMaterial? indexKey = null;
        NamePrefixKey? nameKey = null;
        try
        {
            foreach (var (name, value) in values)
            {
                var definition = schema.Field(name)!;
                if (!definition.Class.IsEncrypted())
                {
                    plain[name] = value;
                    continue;
                }

                var dataKey = subjectKey ?? (tenantKey ??= await keyring.GetDataKeyAsync(tenant, cancellationToken).ConfigureAwait(false));
                encrypted[name] = FieldCipher.Encrypt(
                    dataKey, value, new FieldContext(tenant.TenantId, schema.Collection, recordId, name, schema.Version), definition.PadsLength);
                if (definition.Class == FieldClass.PersonalSearchable)
                {
                    indexKey ??= await keyring.GetIndexKeyAsync(tenant, cancellationToken).ConfigureAwait(false);
                    tokens.AddRange(BlindIndex.Tokens(indexKey, schema.Collection, name, value));
                    if (definition.NameSearch && value is StringValue text)
                    {
                        nameKey ??= NamePrefixKey.Derive(indexKey);
                        nameTokens.AddRange(nameKey.TokensOf(schema.Collection, name, text.Value));
                    }
                }
            }
        }
        finally
        {
            tenantKey?.Dispose();
            nameKey?.Dispose();
            indexKey?.Dispose();
        }

        return new StoredRecord(tenant.TenantId, schema.Collection, recordId, subjectId, version, schema.Version,
            plain, encrypted, tokens, subjectKey?.Reference, idempotencyKey, createdAt, now)
        {
            DataKey = subjectKey is null && encrypted.Count > 0 ? tenant.DataKey : null,
            NameTokens = nameTokens,
        };
    }

    /// <summary>
    /// The record as <paramref name="purpose"/> may see it, under the current schema. Fields the
    /// purpose may not read are never decrypted.
    /// </summary>
    /// <param name="personalWithheld">When set (a minor without a consent for the purpose), why every non-plain field is masked.</param>
    /// <param name="analytics">The purpose is of category analytics: only plain fields and those allowing analytics are read.</param>
    internal async Task<RecordView> OpenAsync(
        Tenant tenant, CollectionSchema current, StoredRecord stored, string purpose, CancellationToken cancellationToken, string? personalWithheld = null,
        bool analytics = false)
    {
        await RequireSubjectKeyAsync(tenant, stored, cancellationToken).ConfigureAwait(false);
        var fields = new Dictionary<string, FieldValue>(StringComparer.Ordinal);
        var masked = new Dictionary<string, string>(StringComparer.Ordinal);
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in stored.Plain)
        {
            if (Readable(current, name, purpose, analytics, masked, codes))
            {
                fields[name] = value;
            }
        }

        foreach (var (name, ciphertext) in stored.Encrypted)
        {
            if (personalWithheld is not null && current.Field(name) is { } definition && definition.IsReadableFor(purpose))
            {
                masked[name] = personalWithheld;
                codes[name] = MaskReasons.MinorWithoutConsent;
            }
            else if (current.Field(name) is { Class: var declared } && !declared.IsEncrypted())
            {
                // Stored encrypted, now declared plain (a schema from before field names kept their class): the
                // ciphertext is never opened for a field the schema does not protect.
                masked[name] = $"field '{name}' is stored encrypted but its schema declares it plain; it is not decrypted";
                codes[name] = MaskReasons.DeclaredPlainStoredEncrypted;
            }
            else if (Readable(current, name, purpose, analytics, masked, codes))
            {
                fields[name] = await DecryptAsync(tenant, stored, name, ciphertext, cancellationToken).ConfigureAwait(false);
            }
        }

        return new RecordView(stored.TenantId, stored.Collection, stored.RecordId, stored.SubjectId, stored.Version, stored.SchemaVersion,
            fields, masked, stored.CreatedAt, stored.UpdatedAt) { MaskCodes = codes, Retention = stored.Retention };
    }

    /// <summary>
    /// The value of the schema's minor field, decrypted when it is personal (a date of birth), for the consent gate
    /// only: never for replies. <c>null</c> when the schema names none or the record holds none.
    /// </summary>
    internal async Task<FieldValue?> MinorValueAsync(Tenant tenant, CollectionSchema current, StoredRecord stored, CancellationToken cancellationToken)
    {
        if (current.MinorField is not { } name)
        {
            return null;
        }

        if (stored.Plain.TryGetValue(name, out var plain))
        {
            return plain;
        }

        if (!stored.Encrypted.TryGetValue(name, out var ciphertext))
        {
            return null;
        }

        await RequireSubjectKeyAsync(tenant, stored, cancellationToken).ConfigureAwait(false);
        return await DecryptAsync(tenant, stored, name, ciphertext, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The blind-index and name-prefix tokens a searchable field's value put on the record, so that erasing the value
    /// takes them too. None when the field holds no value, or when the record's key is destroyed (its tokens went with
    /// the shred). Name tokens are computed for any string value: removing tokens a record does not hold changes nothing.
    /// </summary>
    internal async Task<(IReadOnlyList<byte[]> BlindIndexes, IReadOnlyList<byte[]> NameTokens)> TokensOfAsync(
        Tenant tenant, StoredRecord stored, string field, CancellationToken cancellationToken)
    {
        if (!stored.Encrypted.TryGetValue(field, out var ciphertext))
        {
            return ([], []);
        }

        try
        {
            await RequireSubjectKeyAsync(tenant, stored, cancellationToken).ConfigureAwait(false);
            var value = await DecryptAsync(tenant, stored, field, ciphertext, cancellationToken).ConfigureAwait(false);
            using var indexKey = await keyring.GetIndexKeyAsync(tenant, cancellationToken).ConfigureAwait(false);
            using var nameKey = NamePrefixKey.Derive(indexKey);
            return (BlindIndex.Tokens(indexKey, stored.Collection, field, value),
                value is StringValue text ? nameKey.TokensOf(stored.Collection, field, text.Value) : []);
        }
        catch (DomainException e) when (e.Code == DomainErrors.DataErasedCode)
        {
            return ([], []);
        }
    }

    /// <summary>Every value of the record, unmasked: only for rewriting it (corrections), never for replies.</summary>
    internal async Task<Dictionary<string, FieldValue>> OpenAllAsync(Tenant tenant, StoredRecord stored, CancellationToken cancellationToken)
    {
        await RequireSubjectKeyAsync(tenant, stored, cancellationToken).ConfigureAwait(false);
        var values = new Dictionary<string, FieldValue>(stored.Plain, StringComparer.Ordinal);
        foreach (var (name, ciphertext) in stored.Encrypted)
        {
            values[name] = await DecryptAsync(tenant, stored, name, ciphertext, cancellationToken).ConfigureAwait(false);
        }

        return values;
    }

    /// <summary>
    /// The record with its personal fields re-encrypted under <paramref name="retainedKey"/> (same places, same
    /// schema version, so the same associated data), no blind indexes or name tokens, and no subject or data key: the
    /// subject key can then be destroyed without it. The version goes up, so a write that read the record
    /// before cannot replace it afterwards.
    /// </summary>
    internal async Task<StoredRecord> RetainAsync(
        Tenant tenant, StoredRecord stored, KeyMaterial retainedKey, RecordRetention retention, CancellationToken cancellationToken)
    {
        await RequireSubjectKeyAsync(tenant, stored, cancellationToken).ConfigureAwait(false);
        var encrypted = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (name, ciphertext) in stored.Encrypted)
        {
            var context = new FieldContext(stored.TenantId, stored.Collection, stored.RecordId, name, stored.SchemaVersion);
            var value = await DecryptAsync(tenant, stored, name, ciphertext, cancellationToken).ConfigureAwait(false);
            encrypted[name] = FieldCipher.Encrypt(retainedKey, value, context, FieldCipher.IsPadded(ciphertext));
        }

        return stored with
        {
            Version = stored.Version + 1, Encrypted = encrypted, BlindIndexes = [], NameTokens = [], SubjectKey = null, DataKey = null, Retention = retention,
        };
    }

    private async Task<FieldValue> DecryptAsync(Tenant tenant, StoredRecord stored, string field, byte[] ciphertext, CancellationToken cancellationToken)
    {
        try
        {
            // A record about a subject holds ciphertext under that subject's key only; anything else was put there.
            var reference = FieldCipher.ReadKeyReference(ciphertext);
            var expected = stored.Retention?.Key ?? stored.SubjectKey;
            if (expected is { } recordKey && reference != recordKey)
            {
                throw new CryptographicException("the ciphertext names another key than the record's subject or retained key");
            }

            var kind = stored.Retention is not null ? KeyKind.Retained : stored.SubjectKey is null ? KeyKind.Data : KeyKind.Subject;
            using var key = await keyring.GetAsync(tenant.TenantId, kind, reference, cancellationToken).ConfigureAwait(false);
            return FieldCipher.DecryptValue(key, ciphertext, new FieldContext(stored.TenantId, stored.Collection, stored.RecordId, field, stored.SchemaVersion));
        }
        catch (CryptographicException e)
        {
            throw DomainErrors.DecryptionFailed($"field '{field}' of record '{stored.RecordId}'", field, e);
        }
    }

    /// <summary>
    /// A record about a subject is readable only while the subject's key exists, plain fields included; a
    /// kept record only while its retained key exists.
    /// </summary>
    private async Task RequireSubjectKeyAsync(Tenant tenant, StoredRecord stored, CancellationToken cancellationToken)
    {
        if (stored.Retention is { } retention)
        {
            using var key = await keyring.GetAsync(tenant.TenantId, KeyKind.Retained, retention.Key, cancellationToken).ConfigureAwait(false);
        }
        else if (stored.SubjectKey is { } subjectKey)
        {
            using var key = await keyring.GetAsync(tenant.TenantId, KeyKind.Subject, subjectKey, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool Readable(
        CollectionSchema current, string name, string purpose, bool analytics, Dictionary<string, string> masked, Dictionary<string, string> codes)
    {
        var definition = current.Field(name);
        if (definition is null)
        {
            masked[name] = $"field '{name}' is no longer in the collection schema";
            codes[name] = MaskReasons.NotInSchema;
            return false;
        }

        if (!definition.IsReadableFor(purpose))
        {
            masked[name] = $"purpose '{purpose}' may not read field '{name}'";
            codes[name] = MaskReasons.PurposeNotAllowed;
            return false;
        }

        if (analytics && !definition.IsReadableForAnalytics)
        {
            masked[name] = $"purpose '{purpose}' is an analytics purpose, which reads only plain fields and pseudonymous ids; field '{name}' does not allow analytics";
            codes[name] = MaskReasons.AnalyticsNotAllowed;
            return false;
        }

        return true;
    }
}
