using System.Text;
using MongoDB.Bson;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Search;

/// <summary>What a reader of the database learns from name tokens, and that erasure takes them with the name.</summary>
public sealed class NameSearchPrivacyTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string Name = "María José García-López";

    private readonly GrpcTestClients _clients = new(gateway.Channel);
    private readonly RawStore _raw = new(gateway);

    [Fact]
    public async Task Raw_documents_hold_one_opaque_token_per_indexed_prefix_and_no_name_or_prefix_in_any_readable_form()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(NameSearchTests.Student(tenant, "stu-1", Name, grade: "7")).Within();

        var raw = await _raw.RecordAsync(tenant, "students", "stu-1") ?? throw new InvalidOperationException("record not stored");
        var tokens = raw["nt"].AsBsonArray.Select(t => t.AsByteArray).ToList();

        // maria 3, jose 2, garcia 4, lopez 3: one per prefix of three letters or more, no order, no position.
        Assert.Equal(12, tokens.Count);
        Assert.All(tokens, t => Assert.Equal(16, t.Length));
        var bytes = raw.ToBson();
        foreach (var readable in new[] { "María", "maria", "MARIA", "José", "jose", "garc", "García", "lopez", "López" })
        {
            Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(readable)) < 0, $"the raw document holds '{readable}'");
        }
    }

    [Fact]
    public async Task Equal_names_share_tokens_within_a_tenant_and_field_but_never_across_tenants_or_fields()
    {
        var tenantA = await StudentRecords.CreateTenantAsync(_clients);
        var tenantB = await StudentRecords.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(NameSearchTests.Student(tenantA, "stu-1", Name, grade: "7")).Within();
        await _clients.Records.PutRecordAsync(NameSearchTests.Student(tenantA, "stu-2", Name, grade: "8")).Within();
        await _clients.Records.PutRecordAsync(NameSearchTests.Student(tenantB, "stu-1", Name, grade: "7")).Within();
        await _clients.Records.PutRecordAsync(StudentRecords.Guardian(tenantA, "gua-1", Name, "stu-1")).Within();

        var student = await TokensAsync(tenantA, "students", "stu-1");
        var sameTenantAndField = await TokensAsync(tenantA, "students", "stu-2");
        var otherTenant = await TokensAsync(tenantB, "students", "stu-1");
        var otherField = await TokensAsync(tenantA, "guardians", "gua-1");

        Assert.Equal(student, sameTenantAndField);
        Assert.Empty(student.Intersect(otherTenant));
        Assert.Empty(student.Intersect(otherField));
        Assert.Equal(student.Count, otherField.Count);
    }

    [Fact]
    public async Task After_a_subjects_erasure_their_name_finds_nothing_while_others_with_the_same_prefix_still_do()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(NameSearchTests.Student(tenant, "stu-1", "Ana García", grade: "7", subject: "subj-1")).Within();
        await _clients.Records.PutRecordAsync(NameSearchTests.Student(tenant, "stu-2", "Luis García", grade: "7", subject: "subj-2")).Within();
        Assert.Equal(["stu-1", "stu-2"], await NameQueries.SearchAsync(_clients, tenant, "students", "full_name", "garc"));

        await _clients.Keys.EraseSubjectAsync(new EraseSubjectRequest { TenantId = tenant, SubjectId = "subj-1", Reason = "right to erasure" }).Within();

        Assert.Equal(["stu-2"], await NameQueries.SearchAsync(_clients, tenant, "students", "full_name", "garc"));
        Assert.Empty(await NameQueries.SearchAsync(_clients, tenant, "students", "full_name", "ana"));
        var erased = await _raw.RecordAsync(tenant, "students", "stu-1");
        Assert.True(erased is null || !erased.Contains("nt"), "the erased subject's record still holds name tokens");
    }

    private async Task<HashSet<string>> TokensAsync(string tenant, string collection, string recordId)
    {
        var raw = await _raw.RecordAsync(tenant, collection, recordId) ?? throw new InvalidOperationException($"record '{recordId}' not stored");
        return raw["nt"].AsBsonArray.Select(t => Convert.ToHexString(t.AsByteArray)).ToHashSet(StringComparer.Ordinal);
    }
}
