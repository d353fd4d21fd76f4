using Google.Protobuf.WellKnownTypes;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Server.Tests.Subjects;
using ProcessorGateway.Server.Tests.Support;

namespace ProcessorGateway.Server.Tests.Auth;

/// <summary>The matrix rows of SubjectRightsService. Calls that write aim at a throwaway subject.</summary>
internal static class SubjectRightsRpcs
{
    private const RpcTraits Tenant = RpcTraits.TenantScoped;
    private const RpcTraits WithPurpose = RpcTraits.TenantScoped | RpcTraits.NeedsPurpose;

    public static IReadOnlyList<GatewayRpc> All { get; } =
    [
        new("SubjectRightsService.ExportSubject", [Scopes.SubjectsRights], WithPurpose, (_, t, _) => Call(async c =>
        {
            var export = await ExportResult.Within(c.SubjectRights.ExportSubject(new ExportSubjectRequest
            {
                TenantId = t, SubjectId = AuthWorld.SeedSubjectId, Purpose = AuthWorld.Purpose,
            }));
            Assert.Equal("present", export.Record("attendance", AuthWorld.SeedRecordId).GetProperty("fields").GetProperty("status").GetProperty("value").GetString());
        })),
        new("SubjectRightsService.ExportTenant", [Scopes.TenantsAdmin, Scopes.SubjectsRights], Tenant, (_, t, _) => Call(async c =>
        {
            var export = await ExportResult.Within(c.SubjectRights.ExportTenant(new ExportTenantRequest { TenantId = t }));
            Assert.Equal(t, export.Lines[0].GetProperty("tenant_id").GetString());
            export.Record("attendance", AuthWorld.SeedRecordId);
        })),
        new("SubjectRightsService.SetSubjectProfile", [Scopes.SubjectsRights], Tenant, (_, t, _) => Call(async c =>
            Assert.True((await c.SubjectRights.SetSubjectProfileAsync(new SetSubjectProfileRequest { TenantId = t, SubjectId = NewSubject(), Minor = true }).Within()).Minor))),
        new("SubjectRightsService.GetSubjectProfile", [Scopes.SubjectsRights], Tenant, (_, t, _) => Call(async c =>
            Assert.False((await c.SubjectRights.GetSubjectProfileAsync(new GetSubjectProfileRequest { TenantId = t, SubjectId = AuthWorld.SeedSubjectId }).Within()).Minor))),
        new("SubjectRightsService.GrantConsent", [Scopes.SubjectsRights], Tenant, (_, t, _) => Call(async c =>
            Assert.True((await c.SubjectRights.GrantConsentAsync(Grant(t, NewSubject())).Within()).Live))),
        new("SubjectRightsService.WithdrawConsent", [Scopes.SubjectsRights], Tenant, async (w, t, _) =>
        {
            var consent = await w.Operator.SubjectRights.GrantConsentAsync(Grant(t, NewSubject())).Within();
            return async c => Assert.NotNull((await c.SubjectRights.WithdrawConsentAsync(new WithdrawConsentRequest
            {
                TenantId = t, SubjectId = consent.SubjectId, ConsentId = consent.ConsentId,
            }).Within()).WithdrawnAt);
        }),
        new("SubjectRightsService.ListConsents", [Scopes.SubjectsRights], Tenant, async (w, t, _) =>
        {
            var consent = await w.Operator.SubjectRights.GrantConsentAsync(Grant(t, NewSubject())).Within();
            return async c => Assert.Equal("Grace Guardian", Assert.Single((await c.SubjectRights.ListConsentsAsync(new ListConsentsRequest
            {
                TenantId = t, SubjectId = consent.SubjectId,
            }).Within()).Consents).GrantedBy.Name);
        }),
        new("SubjectRightsService.SetCommunicationPreference", [Scopes.SubjectsRights], Tenant, (_, t, _) => Call(async c =>
            Assert.False((await c.SubjectRights.SetCommunicationPreferenceAsync(new SetCommunicationPreferenceRequest
            {
                TenantId = t, SubjectId = NewSubject(), Channel = "sms", Category = "marketing", Allowed = false,
            }).Within()).Allowed))),
        new("SubjectRightsService.GetCommunicationPreferences", [Scopes.SubjectsRights], Tenant, (_, t, _) => Call(async c =>
            Assert.Equal(18, (await c.SubjectRights.GetCommunicationPreferencesAsync(new GetCommunicationPreferencesRequest
            {
                TenantId = t, SubjectId = AuthWorld.SeedSubjectId,
            }).Within()).Preferences.Count))),
        new("SubjectRightsService.CheckCommunicationAllowed", [Scopes.RecordsRead], WithPurpose, (_, t, _) => Call(async c =>
            Assert.True((await c.SubjectRights.CheckCommunicationAllowedAsync(new CheckCommunicationAllowedRequest
            {
                TenantId = t, SubjectId = AuthWorld.SeedSubjectId, Channel = "email", Category = "attendance", Purpose = Purposes.Communication,
            }).Within()).Allowed))),
        new("SubjectRightsService.RecordDisclosure", [Scopes.SubjectsRights], Tenant, (_, t, _) => Call(async c =>
            Assert.StartsWith("dsc-", (await c.SubjectRights.RecordDisclosureAsync(DisclosureTests.Request(t, LegalBasis.Contract)).Within()).DisclosureId,
                StringComparison.Ordinal))),
        new("SubjectRightsService.ListDisclosures", [Scopes.SubjectsRights], Tenant, async (w, t, _) =>
        {
            var recorded = await w.Operator.SubjectRights.RecordDisclosureAsync(DisclosureTests.Request(t, LegalBasis.Contract)).Within();
            return async c => Assert.Contains(recorded.DisclosureId,
                (await c.SubjectRights.ListDisclosuresAsync(new ListDisclosuresRequest { TenantId = t, PageSize = 500 }).Within()).Disclosures.Select(d => d.DisclosureId));
        }),
        new("SubjectRightsService.ListServiceProviders", [Scopes.SubjectsRights], Tenant, (_, t, _) => Call(async c =>
            Assert.Equal(ServiceProviderGatewayFixture.Providers.Select(p => p.Name),
                (await c.SubjectRights.ListServiceProvidersAsync(new ListServiceProvidersRequest { TenantId = t }).Within()).ServiceProviders.Select(p => p.Name)))),
    ];

    public static GrantConsentRequest Grant(string tenantId, string subjectId, params string[] purposes) => new()
    {
        TenantId = tenantId,
        SubjectId = subjectId,
        Purposes = { purposes.Length == 0 ? [Purposes.Administration] : purposes },
        GrantedBy = new ConsentGrantor { Name = "Grace Guardian", Relationship = "parent" },
        ExpiresAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(30)),
    };

    public static string NewSubject() => $"subj-{Guid.NewGuid():N}"[..20];

    private static Task<Func<GrpcTestClients, Task>> Call(Func<GrpcTestClients, Task> call) => Task.FromResult(call);
}
