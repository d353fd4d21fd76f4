using System.Globalization;
using ProcessorGateway.Core.Audit;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Paging;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Tenants;
using ProcessorGateway.Core.Validation;

namespace ProcessorGateway.Core.Subjects;

/// <summary>
/// Records disclosures to recipients outside the platform and lists them for the institution's
/// data-protection officer. A disclosure on consent is refused unless that consent is the subject's own,
/// live, and covers the disclosure's purpose; nothing is stored when anything is refused.
/// </summary>
public sealed class DisclosureService(
    TenantService tenants, IDisclosureStore disclosures, IConsentStore consents, Pager pager, TimeProvider time, PurposeRegistry purposeRegistry)
{
    private const int MaxSubjects = 100;
    private const int MaxCollections = 50;
    private const int MaxFields = 200;

    public async Task<Disclosure> RecordAsync(string? tenantId, DisclosureRequest request, string recordedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var recipient = Identifiers.Reason(request.Recipient, "recipient");
        var kind = request.RecipientKind ?? throw DomainErrors.Invalid("recipient_kind", "is required: service provider, legal authority or institution transfer");
        var basis = request.LegalBasis ?? throw DomainErrors.Invalid("legal_basis", "is required: consent, legal obligation or contract");
        var purpose = Identifiers.Name(request.Purpose, "purpose");
        var subjects = List(request.SubjectIds, "subject_ids", 1, MaxSubjects, Identifiers.RecordId);
        var collections = List(request.Collections, "collections", 1, MaxCollections, Identifiers.Name);
        var fields = List(request.Fields, "fields", 0, MaxFields, (f, name) => Field(f, name, collections));
        var (consentId, reference) = Basis(basis, request, subjects.Count);
        var now = time.GetUtcNow();
        var disclosedAt = request.DisclosedAt ?? now;
        if (disclosedAt > now)
        {
            throw DomainErrors.Invalid("disclosed_at", "must not be in the future: record a disclosure once it is made");
        }

        var tenant = await tenants.GetActiveAsync(tenantId, cancellationToken).ConfigureAwait(false);
        await purposeRegistry.RequireRegisteredAsync(tenant.TenantId, purpose, "purpose", cancellationToken).ConfigureAwait(false);
        foreach (var subject in subjects)
        {
            AuditTrail.NoteRecord(null, subject, fields);
        }

        if (consentId is not null)
        {
            await RequireConsentAsync(tenant.TenantId, subjects[0], consentId, purpose, now, cancellationToken).ConfigureAwait(false);
        }

        var disclosure = new Disclosure(tenant.TenantId, $"dsc-{Guid.NewGuid():N}", recipient, kind, basis, consentId, reference, purpose,
            subjects, collections, fields, disclosedAt, now, recordedBy);
        await disclosures.InsertAsync(disclosure, cancellationToken).ConfigureAwait(false);
        return disclosure;
    }

    /// <summary>The tenant's disclosures, or those naming one subject, oldest recorded first, a page at a time.</summary>
    public async Task<Page<Disclosure>> ListAsync(string? tenantId, string? subjectId, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        var subject = Identifiers.OptionalRecordId(subjectId, "subject_id");
        var tenant = await tenants.GetActiveAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var request = pager.Open(PageScope.Of(tenant.TenantId, "ListDisclosures", subject), pageSize, pageToken);
        AuditTrail.NoteSubject(subject);
        var found = await disclosures.ListAsync(tenant.TenantId, subject, TimedPosition.Parse(request.After), request.Size + 1, cancellationToken).ConfigureAwait(false);
        return pager.Cut(request, found, d => TimedPosition.Of(d.RecordedAt, d.DisclosureId));
    }

    private async Task RequireConsentAsync(string tenantId, string subjectId, string consentId, string purpose, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var consent = (await consents.ListAsync(tenantId, subjectId, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(c => c.ConsentId == consentId);
        if (consent is null || !consent.Covers(purpose, now))
        {
            throw new DomainException(DomainErrorKind.FailedPrecondition,
                $"subject '{subjectId}' has no live consent '{consentId}' covering purpose '{purpose}': a disclosure on consent needs one", "consent_id");
        }
    }

    /// <summary>The basis's own detail: a consent names one subject's consent; a legal obligation names its reference (a case number).</summary>
    private static (string? ConsentId, string? Reference) Basis(LegalBasis basis, DisclosureRequest request, int subjectCount)
    {
        var reference = string.IsNullOrWhiteSpace(request.Reference) ? null : Identifiers.Reason(request.Reference, "reference");
        switch (basis)
        {
            case LegalBasis.Consent:
                if (subjectCount != 1)
                {
                    throw DomainErrors.Invalid("subject_ids", "must name exactly one subject when the basis is consent: a consent is one subject's");
                }

                return (Identifiers.RecordId(request.ConsentId, "consent_id"), reference);
            case LegalBasis.LegalObligation:
                return NoConsent(request, reference ?? throw DomainErrors.Invalid("reference", "is required when the basis is a legal obligation: the case or order number"));
            default:
                return NoConsent(request, reference);
        }
    }

    private static (string? ConsentId, string? Reference) NoConsent(DisclosureRequest request, string? reference) =>
        string.IsNullOrEmpty(request.ConsentId) ? (null, reference) : throw DomainErrors.Invalid("consent_id", "is only for a disclosure on consent");

    private static string Field(string? value, string name, IReadOnlyList<string> collections)
    {
        var dot = value?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (value is null || dot <= 0)
        {
            throw DomainErrors.Invalid(name, "must be a qualified field name, collection.field");
        }

        var collection = Identifiers.Name(value[..dot], name);
        Identifiers.Name(value[(dot + 1)..], name);
        return collections.Contains(collection, StringComparer.Ordinal)
            ? value
            : throw DomainErrors.Invalid(name, $"names collection '{collection}', which is not among the disclosure's collections");
    }

    private static List<string> List(IReadOnlyList<string> values, string field, int min, int max, Func<string?, string, string> check)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < min || values.Count > max)
        {
            throw DomainErrors.Invalid(field, string.Create(CultureInfo.InvariantCulture, $"must name {min} to {max}"));
        }

        return values.Select((v, i) => check(v, string.Create(CultureInfo.InvariantCulture, $"{field}[{i}]"))).Distinct(StringComparer.Ordinal).ToList();
    }
}
