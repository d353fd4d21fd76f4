using System.Globalization;
using System.Security.Cryptography;
using ProcessorGateway.Core.Crypto;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Tenants;
using ProcessorGateway.Core.Validation;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Subjects;

/// <summary>
/// Consents to process a (minor) subject's data for some purposes. The grantor is personal data and
/// is encrypted under the subject's key, with associated data binding it to its consent; erasing the
/// subject destroys that key, so the grantor can no longer be read.
/// </summary>
public sealed class ConsentService(
    TenantService tenants, IConsentStore consents, TenantKeyring keyring, ErasedSubjectGuard erased, TimeProvider time, PurposeRegistry purposeRegistry)
{
    /// <summary>The collection name in the ciphertexts' associated data; no schema collection can be named so.</summary>
    internal const string CipherCollection = "_consents";

    private const int MaxPurposes = 20;
    private const int MaxNameLength = 200;
    private const int MaxRelationshipLength = 64;

    public async Task<Consent> GrantAsync(
        string? tenantId, string? subjectId, IReadOnlyList<string> purposes, ConsentGrantor? grantedBy, DateTimeOffset? expiresAt,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(purposes);
        var subject = Identifiers.RecordId(subjectId, "subject_id");
        if (purposes.Count == 0 || purposes.Count > MaxPurposes)
        {
            throw DomainErrors.Invalid("purposes", string.Create(CultureInfo.InvariantCulture, $"must name 1 to {MaxPurposes} purposes"));
        }

        var named = purposes.Select((p, i) => Identifiers.Name(p, string.Create(CultureInfo.InvariantCulture, $"purposes[{i}]")))
            .Distinct(StringComparer.Ordinal).ToList();
        var grantor = grantedBy is null ? null : new ConsentGrantor(
            Identifiers.Text(grantedBy.Name, "granted_by.name", MaxNameLength, required: true),
            Identifiers.Text(grantedBy.Relationship, "granted_by.relationship", MaxRelationshipLength, required: false));
        var now = time.GetUtcNow();
        if (expiresAt is { } expiry && expiry <= now)
        {
            throw DomainErrors.Invalid("expires_at", "must be in the future");
        }

        var tenant = await tenants.GetActiveAsync(tenantId, cancellationToken).ConfigureAwait(false);
        await purposeRegistry.RequireRegisteredAsync(tenant.TenantId, purposes, "purposes", cancellationToken).ConfigureAwait(false);
        var consentId = $"cns-{Guid.NewGuid():N}";
        byte[]? name = null;
        byte[]? relationship = null;

        // An erased subject gets no new key, so no new consent: this throws, as a write of their records would.
        using var key = await keyring.GetSubjectKeyAsync(tenant, subject, cancellationToken).ConfigureAwait(false);
        if (grantor is not null)
        {
            name = FieldCipher.Encrypt(key, new StringValue(grantor.Name), Context(tenant.TenantId, consentId, "granted_by_name"));
            relationship = FieldCipher.Encrypt(key, new StringValue(grantor.Relationship), Context(tenant.TenantId, consentId, "granted_by_relationship"));
        }

        var stored = new StoredConsent(tenant.TenantId, subject, consentId, named, now, expiresAt, null, key.Reference, name, relationship);
        await erased.WriteAsync(tenant.TenantId, subject, () => consents.InsertAsync(stored, cancellationToken),
            () => consents.DeleteSubjectAsync(tenant.TenantId, subject, cancellationToken), cancellationToken).ConfigureAwait(false);
        return new Consent(tenant.TenantId, subject, consentId, named, grantor, now, expiresAt, null, Live: true);
    }

    public async Task<Consent> WithdrawAsync(string? tenantId, string? subjectId, string? consentId, CancellationToken cancellationToken)
    {
        var subject = Identifiers.RecordId(subjectId, "subject_id");
        var id = Identifiers.RecordId(consentId, "consent_id");
        var tenant = await tenants.GetActiveAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var stored = await consents.WithdrawAsync(tenant.TenantId, subject, id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false)
            ?? throw new DomainException(DomainErrorKind.NotFound, $"subject '{subject}' has no consent '{id}'", "consent_id");
        return await OpenAsync(tenant, stored, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Consent>> ListAsync(string? tenantId, string? subjectId, CancellationToken cancellationToken)
    {
        var subject = Identifiers.RecordId(subjectId, "subject_id");
        var tenant = await tenants.GetActiveAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var stored = await consents.ListAsync(tenant.TenantId, subject, cancellationToken).ConfigureAwait(false);
        var opened = new List<Consent>(stored.Count);
        foreach (var consent in stored)
        {
            opened.Add(await OpenAsync(tenant, consent, cancellationToken).ConfigureAwait(false));
        }

        return opened;
    }

    /// <summary>The consent with its grantor decrypted; fails with "was erased" once the subject's key is destroyed.</summary>
    internal async Task<Consent> OpenAsync(Tenant tenant, StoredConsent stored, CancellationToken cancellationToken)
    {
        ConsentGrantor? grantor = null;
        if (stored.SubjectKey is { } reference && stored.GrantorName is not null && stored.GrantorRelationship is not null)
        {
            using var key = await keyring.GetAsync(tenant.TenantId, KeyKind.Subject, reference, cancellationToken).ConfigureAwait(false);
            try
            {
                grantor = new ConsentGrantor(
                    ((StringValue)FieldCipher.DecryptValue(key, stored.GrantorName, Context(tenant.TenantId, stored.ConsentId, "granted_by_name"))).Value,
                    ((StringValue)FieldCipher.DecryptValue(key, stored.GrantorRelationship, Context(tenant.TenantId, stored.ConsentId, "granted_by_relationship"))).Value);
            }
            catch (Exception e) when (e is CryptographicException or InvalidCastException)
            {
                throw DomainErrors.DecryptionFailed($"consent '{stored.ConsentId}'", "consent_id", e);
            }
        }

        return new Consent(stored.TenantId, stored.SubjectId, stored.ConsentId, stored.Purposes, grantor, stored.GrantedAt, stored.ExpiresAt,
            stored.WithdrawnAt, stored.IsLiveAt(time.GetUtcNow()));
    }

    private static FieldContext Context(string tenantId, string consentId, string field) => new(tenantId, CipherCollection, consentId, field, 1);
}
