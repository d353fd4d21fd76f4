using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Shredding;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Erasure;

/// <summary>
/// A subject with records, a profile, a consent and a preference, written with values found nowhere else, so that a
/// scan of the stored documents finds any copy of them.
/// </summary>
internal sealed record ErasedPerson(ErasureWorld World, string SubjectId, string ConsentId, IReadOnlyList<string> PersonalValues)
{
    public static readonly DateTimeOffset ConsentExpiry = new(2031, 7, 13, 4, 5, 6, 789, TimeSpan.Zero);

    public static readonly DateTimeOffset DateOfBirth = new(2011, 3, 17, 0, 0, 0, TimeSpan.Zero);

    public string TenantId => World.TenantId;

    public static async Task<ErasedPerson> SeedAsync(GatewayFixture gateway)
    {
        var world = await ErasureWorld.CreateAsync(gateway, "students", "attendance");
        var mark = Guid.NewGuid().ToString("N")[..8];
        var name = $"Quillon Zephyrine {mark}";
        var email = $"zephyrine.{mark}@distinct-mail.test";
        var grantor = $"Marisol Okonkwo {mark}";
        const string Relationship = "grand-aunt";
        var recordId = $"stu-{mark}";
        await world.Operator.Records.PutRecordAsync(StudentRecords.Student(world.TenantId, recordId, name, email, DateOfBirth)).Within();
        await world.SeedAsync(recordId);
        var person = new ErasedPerson(world, $"subj-{recordId}", "", [name, email, grantor, Relationship]);
        var rights = world.Rights.SubjectRights;
        await rights.SetSubjectProfileAsync(new SetSubjectProfileRequest { TenantId = world.TenantId, SubjectId = person.SubjectId, Minor = true }).Within();
        var consent = await rights.GrantConsentAsync(person.Consent(grantor, Relationship)).Within();
        await rights.SetCommunicationPreferenceAsync(new SetCommunicationPreferenceRequest
        {
            TenantId = world.TenantId, SubjectId = person.SubjectId, Channel = "sms", Category = "marketing", Allowed = false,
        }).Within();
        return person with { ConsentId = consent.ConsentId };
    }

    public GrantConsentRequest Consent(string grantor = "Anyone Else", string relationship = "parent") => new()
    {
        TenantId = TenantId,
        SubjectId = SubjectId,
        Purposes = { StudentRecords.Purpose },
        GrantedBy = new ConsentGrantor { Name = grantor, Relationship = relationship },
        ExpiresAt = Timestamp.FromDateTimeOffset(ConsentExpiry),
    };

    /// <summary>Requests, verifies and executes the subject's erasure, as the tenant's DPO desk.</summary>
    public async Task<ErasureRequest> EraseAsync()
    {
        var erasure = World.Rights.Erasure;
        var request = await World.RequestAsync(SubjectId);
        await erasure.VerifyErasureAsync(new VerifyErasureRequest
        {
            TenantId = TenantId, RequestId = request.RequestId, Note = "identity checked against the enrolment record",
        }).Within();
        var executed = await erasure.ExecuteErasureAsync(new ExecuteErasureRequest { TenantId = TenantId, RequestId = request.RequestId }).Within();
        Assert.Equal(ErasureState.Executed, executed.State);
        return executed;
    }

    /// <summary>Runs the purge with no delay until it logs a purge for the tenant (it waits, for a tenant, until its receipt is delivered).</summary>
    public static async Task PurgeUntilLoggedAsync(GatewayFixture gateway, string tenantId)
    {
        var purger = gateway.Services.GetRequiredService<PurgeService>();
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 60);
        while (!(await purger.PurgeAsync(TimeSpan.Zero, CancellationToken.None)).Any(p => p.TenantId == tenantId))
        {
            Assert.True(Stopwatch.GetTimestamp() < deadline, $"the purge of tenant {tenantId} was not logged within 60 s");
            await Task.Delay(200);
        }
    }
}
