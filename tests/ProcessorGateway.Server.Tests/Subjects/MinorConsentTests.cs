using Grpc.Core;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Auth;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;
using Record = ProcessorGateway.Contracts.V1.Record;

namespace ProcessorGateway.Server.Tests.Subjects;

/// <summary>
/// Children's data only under consent: a minor's personal fields come back masked unless a live
/// consent (not withdrawn, not expired) covers the call's purpose; plain fields stay readable.
/// </summary>
public sealed class MinorConsentTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string Minor = "subj-stu-1";

    private readonly GrpcTestClients _clients = new(gateway.Channel);

    [Fact]
    public async Task A_minors_personal_fields_are_masked_without_consent_in_get_and_query_and_plain_fields_are_not()
    {
        var tenant = await TenantWithMinorAsync();

        var read = await GetAsync(tenant);
        AssertMaskedForMinor(read);
        Assert.Equal("7", read.Fields["grade_level"].StringValue);
        var page = await _clients.Records.QueryRecordsAsync(new QueryRecordsRequest
        {
            TenantId = tenant, Collection = "students", Purpose = StudentRecords.Purpose,
        }).Within();
        AssertMaskedForMinor(Assert.Single(page.Records, r => r.RecordId == "stu-1"));
        Assert.Equal("Grace Hopper", Assert.Single(page.Records, r => r.RecordId == "stu-2").Fields["full_name"].StringValue);
    }

    [Fact]
    public async Task A_search_on_a_personal_field_does_not_find_a_minor_without_consent_and_finds_them_with_one()
    {
        var tenant = await TenantWithMinorAsync();
        var byName = new QueryRecordsRequest
        {
            TenantId = tenant, Collection = "students", Purpose = StudentRecords.Purpose,
            Filters = { new FieldFilter { Field = "full_name", Equals_ = new Value { StringValue = "Ada Lovelace" } } },
        };

        Assert.Empty((await _clients.Records.QueryRecordsAsync(byName).Within()).Records);

        await _clients.SubjectRights.GrantConsentAsync(SubjectRightsRpcs.Grant(tenant, Minor)).Within();
        Assert.Equal("stu-1", Assert.Single((await _clients.Records.QueryRecordsAsync(byName).Within()).Records).RecordId);
    }

    [Fact]
    public async Task A_live_consent_covering_the_purpose_unmasks_and_one_for_another_purpose_does_not()
    {
        var tenant = await TenantWithMinorAsync();
        await _clients.SubjectRights.GrantConsentAsync(SubjectRightsRpcs.Grant(tenant, Minor, "fees")).Within();
        AssertMaskedForMinor(await GetAsync(tenant));

        await _clients.SubjectRights.GrantConsentAsync(SubjectRightsRpcs.Grant(tenant, Minor, StudentRecords.Purpose)).Within();

        var read = await GetAsync(tenant);
        Assert.Equal("Ada Lovelace", read.Fields["full_name"].StringValue);
        Assert.Equal("ada@example.org", read.Fields["email"].StringValue);

        // The schema still decides per field: consent does not widen what a purpose may read.
        Assert.Equal(Value.KindOneofCase.Masked, read.Fields.TryGetValue("medical_notes", out var notes) ? notes.KindCase : Value.KindOneofCase.Masked);
    }

    [Fact]
    public async Task After_withdrawal_the_fields_are_masked_again()
    {
        var tenant = await TenantWithMinorAsync();
        var consent = await _clients.SubjectRights.GrantConsentAsync(SubjectRightsRpcs.Grant(tenant, Minor)).Within();
        Assert.Equal("Ada Lovelace", (await GetAsync(tenant)).Fields["full_name"].StringValue);

        var withdrawn = await _clients.SubjectRights.WithdrawConsentAsync(new WithdrawConsentRequest
        {
            TenantId = tenant, SubjectId = Minor, ConsentId = consent.ConsentId,
        }).Within();

        Assert.False(withdrawn.Live);
        Assert.NotNull(withdrawn.WithdrawnAt);
        AssertMaskedForMinor(await GetAsync(tenant));
    }

    [Fact]
    public async Task After_expiry_the_fields_are_masked_again()
    {
        var tenant = await TenantWithMinorAsync();
        var consent = await _clients.SubjectRights.GrantConsentAsync(SubjectRightsRpcs.Grant(tenant, Minor)).Within();
        Assert.Equal("Ada Lovelace", (await GetAsync(tenant)).Fields["full_name"].StringValue);

        // Time passes: the stored expiry moves into the past, as it would on its own.
        await SubjectStore.Consents(gateway).UpdateOneAsync(new BsonDocument { { "t", tenant }, { "cid", consent.ConsentId } },
            new BsonDocument("$set", new BsonDocument("ea", DateTime.UtcNow.AddMinutes(-1))));

        AssertMaskedForMinor(await GetAsync(tenant));
        Assert.False(Assert.Single((await _clients.SubjectRights.ListConsentsAsync(new ListConsentsRequest { TenantId = tenant, SubjectId = Minor }).Within()).Consents).Live);
    }

    [Fact]
    public async Task The_grantor_is_stored_only_as_ciphertext_and_is_unreadable_once_the_subject_is_erased()
    {
        var tenant = await TenantWithMinorAsync();
        var consent = await _clients.SubjectRights.GrantConsentAsync(SubjectRightsRpcs.Grant(tenant, Minor)).Within();
        var raw = await SubjectStore.Consents(gateway).Find(new BsonDocument { { "t", tenant }, { "cid", consent.ConsentId } }).SingleAsync();
        Assert.DoesNotContain("Grace Guardian", raw.ToJson(), StringComparison.Ordinal);
        Assert.DoesNotContain("parent", raw.ToJson(), StringComparison.Ordinal);
        Assert.Equal("Grace Guardian", consent.GrantedBy.Name);

        await _clients.Keys.EraseSubjectAsync(new EraseSubjectRequest { TenantId = tenant, SubjectId = Minor, Reason = "request" }).Within();

        var error = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => _clients.SubjectRights.ListConsentsAsync(new ListConsentsRequest { TenantId = tenant, SubjectId = Minor }).ResponseAsync);
        Assert.Contains("was erased", error.Status.Detail, StringComparison.Ordinal);
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => _clients.SubjectRights.GrantConsentAsync(SubjectRightsRpcs.Grant(tenant, Minor)).ResponseAsync);
    }

    [Fact]
    public async Task Bad_consents_are_invalid_argument_naming_the_field_and_store_nothing()
    {
        var tenant = await TenantWithMinorAsync();
        var before = await SubjectStore.SnapshotAsync(gateway, tenant);
        var noPurpose = SubjectRightsRpcs.Grant(tenant, Minor);
        noPurpose.Purposes.Clear();
        var badPurpose = SubjectRightsRpcs.Grant(tenant, Minor, "Fees!");
        var past = SubjectRightsRpcs.Grant(tenant, Minor);
        past.ExpiresAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1));
        var nameless = SubjectRightsRpcs.Grant(tenant, Minor);
        nameless.GrantedBy.Name = " ";

        await RpcAssert.InvalidArgumentAsync("purposes", () => _clients.SubjectRights.GrantConsentAsync(noPurpose).ResponseAsync);
        await RpcAssert.InvalidArgumentAsync("purposes[0]", () => _clients.SubjectRights.GrantConsentAsync(badPurpose).ResponseAsync);
        await RpcAssert.InvalidArgumentAsync("expires_at", () => _clients.SubjectRights.GrantConsentAsync(past).ResponseAsync);
        await RpcAssert.InvalidArgumentAsync("granted_by.name", () => _clients.SubjectRights.GrantConsentAsync(nameless).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => _clients.SubjectRights.WithdrawConsentAsync(new WithdrawConsentRequest
        {
            TenantId = tenant, SubjectId = Minor, ConsentId = "cns-missing",
        }).ResponseAsync);

        Assert.Equal(before.Select(d => d.ToJson()), (await SubjectStore.SnapshotAsync(gateway, tenant)).Select(d => d.ToJson()));
    }

    private static void AssertMaskedForMinor(Record read)
    {
        foreach (var field in new[] { "full_name", "email", "date_of_birth" })
        {
            Assert.True(read.Fields[field].KindCase == Value.KindOneofCase.Masked, $"{field} of a minor without consent should be masked");
            Assert.Contains("minor", read.Fields[field].Masked.Reason, StringComparison.Ordinal);
        }
    }

    private Task<Record> GetAsync(string tenant) => _clients.Records.GetRecordAsync(new GetRecordRequest
    {
        TenantId = tenant, Collection = "students", RecordId = "stu-1", Purpose = StudentRecords.Purpose,
    }).Within();

    private async Task<string> TenantWithMinorAsync()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-1", "Ada Lovelace", "ada@example.org", DateTimeOffset.UnixEpoch)).Within();
        await _clients.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-2", "Grace Hopper", "grace@example.org", DateTimeOffset.UnixEpoch)).Within();
        await _clients.SubjectRights.SetSubjectProfileAsync(new SetSubjectProfileRequest { TenantId = tenant, SubjectId = Minor, Minor = true }).Within();
        return tenant;
    }
}
