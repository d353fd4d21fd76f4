using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Subjects;
using Microsoft.Extensions.Options;
using ProcessorGateway.Server.Auth;
using CommunicationPreference = ProcessorGateway.Contracts.V1.CommunicationPreference;
using Consent = ProcessorGateway.Contracts.V1.Consent;
using ExportChunk = ProcessorGateway.Contracts.V1.ExportChunk;
using SubjectProfile = ProcessorGateway.Contracts.V1.SubjectProfile;

namespace ProcessorGateway.Server.Subjects;

/// <summary>
/// Data-subject rights. Everything but CheckCommunicationAllowed needs subjects.rights on the named
/// tenant; ExportTenant also admits tenants.admin (a tenant's admin client, or an operator naming the
/// tenant); CheckCommunicationAllowed is for messaging services: records.read and purpose communication;
/// RecordDisclosure, ListDisclosures and ListServiceProviders admit an operator naming the tenant, as ErasureService does.
/// </summary>
[Authorize]
internal sealed class SubjectRightsGrpcService(
    SubjectExportService exports, SubjectProfileService profiles, ConsentService consents, CommunicationPreferenceService preferences,
    DisclosureService disclosures, IOptions<ServiceProvidersOptions> serviceProviders, PurposeRegistry purposes)
    : SubjectRightsService.SubjectRightsServiceBase
{
    public override async Task ExportSubject(ExportSubjectRequest request, IServerStreamWriter<ExportChunk> responseStream, ServerCallContext context)
    {
        var caller = context.Caller();
        var tenantId = Rights(caller, request.TenantId);
        var purpose = AccessPolicy.RequirePurpose(caller, request.Purpose);
        await foreach (var chunk in exports.ExportSubjectAsync(tenantId, request.SubjectId, purpose, context.CancellationToken))
        {
            await responseStream.WriteAsync(SubjectRightsMapper.ToProto(chunk), context.CancellationToken);
        }
    }

    public override async Task ExportTenant(ExportTenantRequest request, IServerStreamWriter<ExportChunk> responseStream, ServerCallContext context)
    {
        var caller = context.Caller();
        AccessPolicy.RequireAnyScope(caller, Scopes.TenantsAdmin, Scopes.SubjectsRights);
        var tenantId = AccessPolicy.RequireTenant(caller, request.TenantId);
        await foreach (var chunk in exports.ExportTenantAsync(tenantId, context.CancellationToken))
        {
            await responseStream.WriteAsync(SubjectRightsMapper.ToProto(chunk), context.CancellationToken);
        }
    }

    public override async Task<SubjectProfile> SetSubjectProfile(SetSubjectProfileRequest request, ServerCallContext context) =>
        SubjectRightsMapper.ToProto(await profiles.SetAsync(Rights(context.Caller(), request.TenantId), request.SubjectId, request.Minor, context.CancellationToken));

    public override async Task<SubjectProfile> GetSubjectProfile(GetSubjectProfileRequest request, ServerCallContext context) =>
        SubjectRightsMapper.ToProto(await profiles.GetAsync(Rights(context.Caller(), request.TenantId), request.SubjectId, context.CancellationToken));

    public override async Task<Consent> GrantConsent(GrantConsentRequest request, ServerCallContext context) =>
        SubjectRightsMapper.ToProto(await consents.GrantAsync(Rights(context.Caller(), request.TenantId), request.SubjectId, request.Purposes,
            SubjectRightsMapper.FromProto(request.GrantedBy), request.ExpiresAt?.ToDateTimeOffset(), context.CancellationToken));

    public override async Task<Consent> WithdrawConsent(WithdrawConsentRequest request, ServerCallContext context) =>
        SubjectRightsMapper.ToProto(await consents.WithdrawAsync(Rights(context.Caller(), request.TenantId), request.SubjectId, request.ConsentId,
            context.CancellationToken));

    public override async Task<ListConsentsResponse> ListConsents(ListConsentsRequest request, ServerCallContext context) =>
        new() { Consents = { (await consents.ListAsync(Rights(context.Caller(), request.TenantId), request.SubjectId, context.CancellationToken)).Select(SubjectRightsMapper.ToProto) } };

    public override async Task<CommunicationPreference> SetCommunicationPreference(SetCommunicationPreferenceRequest request, ServerCallContext context) =>
        SubjectRightsMapper.ToProto(await preferences.SetAsync(Rights(context.Caller(), request.TenantId), request.SubjectId, request.Channel, request.Category,
            request.Allowed, context.CancellationToken));

    public override async Task<GetCommunicationPreferencesResponse> GetCommunicationPreferences(GetCommunicationPreferencesRequest request, ServerCallContext context) =>
        new()
        {
            Preferences = { (await preferences.GetAsync(Rights(context.Caller(), request.TenantId), request.SubjectId, context.CancellationToken)).Select(SubjectRightsMapper.ToProto) },
        };

    public override async Task<CheckCommunicationAllowedResponse> CheckCommunicationAllowed(CheckCommunicationAllowedRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        AccessPolicy.RequireScope(caller, Scopes.RecordsRead);
        var tenantId = AccessPolicy.RequireTenant(caller, request.TenantId);
        if (AccessPolicy.RequirePurpose(caller, request.Purpose) != Purposes.Communication)
        {
            throw DomainErrors.Invalid("purpose", $"must be '{Purposes.Communication}'");
        }

        // For the call's audit event: every call under a purpose records its category.
        await purposes.ResolveAsync(tenantId, Purposes.Communication, context.CancellationToken);

        var (allowed, reason) = await preferences.CheckAsync(tenantId, request.SubjectId, request.Channel, request.Category, context.CancellationToken);
        return new CheckCommunicationAllowedResponse { Allowed = allowed, Reason = reason };
    }

    public override async Task<Contracts.V1.Disclosure> RecordDisclosure(RecordDisclosureRequest request, ServerCallContext context)
    {
        var (caller, tenantId) = RightsOrOperator(context, request.TenantId);
        return SubjectRightsMapper.ToProto(await disclosures.RecordAsync(tenantId, SubjectRightsMapper.FromProto(request), caller.ClientId, context.CancellationToken));
    }

    public override async Task<ListDisclosuresResponse> ListDisclosures(ListDisclosuresRequest request, ServerCallContext context)
    {
        var tenantId = RightsOrOperator(context, request.TenantId).TenantId;
        var page = await disclosures.ListAsync(tenantId, request.SubjectId, request.PageSize, request.PageToken, context.CancellationToken);
        return new ListDisclosuresResponse { Disclosures = { page.Items.Select(SubjectRightsMapper.ToProto) }, NextPageToken = page.NextPageToken ?? string.Empty };
    }

    public override Task<ListServiceProvidersResponse> ListServiceProviders(ListServiceProvidersRequest request, ServerCallContext context)
    {
        RightsOrOperator(context, request.TenantId);
        return Task.FromResult(new ListServiceProvidersResponse
        {
            ServiceProviders = { serviceProviders.Value.Providers.Select(SubjectRightsMapper.ToProto) },
        });
    }

    /// <summary>subjects.rights for a tenant's client; an operator (with tenants.admin) names the tenant.</summary>
    private static (Caller Caller, string TenantId) RightsOrOperator(ServerCallContext context, string tenantId)
    {
        var caller = context.Caller();
        if (!caller.IsOperator)
        {
            AccessPolicy.RequireScope(caller, Scopes.SubjectsRights);
        }

        return (caller, AccessPolicy.RequireTenant(caller, tenantId));
    }

    private static string Rights(Caller caller, string tenantId)
    {
        AccessPolicy.RequireScope(caller, Scopes.SubjectsRights);
        return AccessPolicy.RequireTenant(caller, tenantId);
    }
}
