using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using ProcessorGateway.Core.Subjects;
using Proto = ProcessorGateway.Contracts.V1;

namespace ProcessorGateway.Server.Subjects;

internal static class SubjectRightsMapper
{
    public static Proto.ExportChunk ToProto(ExportChunk chunk) => new()
    {
        // The chunk's bytes are handed over, never reused by the exporter: no copy needed.
        Ndjson = UnsafeByteOperations.UnsafeWrap(chunk.Ndjson),
        RecordsDone = chunk.RecordsDone,
        RecordsTotal = chunk.RecordsTotal,
    };

    public static DisclosureRequest FromProto(Proto.RecordDisclosureRequest request) => new(
        request.Recipient,
        request.RecipientKind switch
        {
            Proto.RecipientKind.ServiceProvider => RecipientKind.ServiceProvider,
            Proto.RecipientKind.LegalAuthority => RecipientKind.LegalAuthority,
            Proto.RecipientKind.InstitutionTransfer => RecipientKind.InstitutionTransfer,
            _ => null,
        },
        request.LegalBasis switch
        {
            Proto.LegalBasis.Consent => LegalBasis.Consent,
            Proto.LegalBasis.LegalObligation => LegalBasis.LegalObligation,
            Proto.LegalBasis.Contract => LegalBasis.Contract,
            _ => null,
        },
        request.ConsentId,
        request.Reference,
        request.Purpose,
        request.SubjectIds,
        request.Collections,
        request.Fields,
        request.DisclosedAt?.ToDateTimeOffset());

    public static Proto.Disclosure ToProto(Disclosure disclosure) => new()
    {
        TenantId = disclosure.TenantId,
        DisclosureId = disclosure.DisclosureId,
        Recipient = disclosure.Recipient,
        RecipientKind = (Proto.RecipientKind)(int)disclosure.RecipientKind,
        LegalBasis = (Proto.LegalBasis)(int)disclosure.LegalBasis,
        ConsentId = disclosure.ConsentId ?? string.Empty,
        Reference = disclosure.Reference ?? string.Empty,
        Purpose = disclosure.Purpose,
        SubjectIds = { disclosure.SubjectIds },
        Collections = { disclosure.Collections },
        Fields = { disclosure.Fields },
        DisclosedAt = Timestamp.FromDateTimeOffset(disclosure.DisclosedAt),
        RecordedAt = Timestamp.FromDateTimeOffset(disclosure.RecordedAt),
        RecordedBy = disclosure.RecordedBy,
    };

    /// <summary>Trimmed as validated at start-up; the configuration holds nothing else to hide.</summary>
    public static Proto.ServiceProvider ToProto(ServiceProviderOptions provider) => new()
    {
        Name = provider.Name?.Trim() ?? string.Empty,
        Purpose = provider.Purpose?.Trim() ?? string.Empty,
        Location = provider.Location?.Trim() ?? string.Empty,
    };

    public static Proto.SubjectProfile ToProto(SubjectProfile profile) => new()
    {
        TenantId = profile.TenantId,
        SubjectId = profile.SubjectId,
        Minor = profile.Minor,
        UpdatedAt = Optional(profile.UpdatedAt),
    };

    public static Proto.Consent ToProto(Consent consent) => new()
    {
        TenantId = consent.TenantId,
        SubjectId = consent.SubjectId,
        ConsentId = consent.ConsentId,
        Purposes = { consent.Purposes },
        GrantedBy = consent.GrantedBy is { } grantor ? new Proto.ConsentGrantor { Name = grantor.Name, Relationship = grantor.Relationship } : null,
        GrantedAt = Timestamp.FromDateTimeOffset(consent.GrantedAt),
        ExpiresAt = Optional(consent.ExpiresAt),
        WithdrawnAt = Optional(consent.WithdrawnAt),
        Live = consent.Live,
    };

    public static ConsentGrantor? FromProto(Proto.ConsentGrantor? grantor) =>
        grantor is null ? null : new ConsentGrantor(grantor.Name, grantor.Relationship);

    public static Proto.CommunicationPreference ToProto(CommunicationPreference preference) => new()
    {
        Channel = preference.Channel,
        Category = preference.Category,
        Allowed = preference.Allowed,
        UpdatedAt = Optional(preference.UpdatedAt),
    };

    private static Timestamp? Optional(DateTimeOffset? value) => value is { } time ? Timestamp.FromDateTimeOffset(time) : null;
}
