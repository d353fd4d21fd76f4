using Grpc.Core;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Search;

/// <summary>What a name search refuses, each with a status and a message naming what is wrong.</summary>
public sealed class NameSearchRefusalTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private readonly GrpcTestClients _clients = new(gateway.Channel);

    [Theory]
    [InlineData("a")]
    [InlineData("jo ma")] // two words, neither long enough for a token
    [InlineData("ga-r")]
    public async Task A_query_without_a_word_of_three_letters_is_invalid_naming_the_field_and_the_minimum(string text)
    {
        var tenant = await TenantWithStudentAsync();

        var error = await RpcAssert.InvalidArgumentAsync("name_prefix.text", () => QueryAsync(tenant, "full_name", text));

        Assert.Contains("field 'full_name' needs at least one word of 3 letters", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_purpose_that_may_not_read_the_field_may_not_search_it()
    {
        var tenant = await TenantWithStudentAsync();

        // Safeguarding reads medical notes, not names.
        var error = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => QueryAsync(tenant, "full_name", "garcia", purpose: "safeguarding"));

        Assert.StartsWith("name_prefix.field: purpose 'safeguarding' may not read field 'full_name'", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("email")] // searchable by equality only
    [InlineData("grade_level")]
    [InlineData("nickname")] // not in the schema
    public async Task A_field_without_name_search_is_invalid(string field)
    {
        var tenant = await TenantWithStudentAsync();

        await RpcAssert.InvalidArgumentAsync("name_prefix.field", () => QueryAsync(tenant, field, "garcia"));
    }

    [Fact]
    public async Task Too_many_words_or_characters_are_invalid()
    {
        var tenant = await TenantWithStudentAsync();

        await RpcAssert.InvalidArgumentAsync("name_prefix.text", () => QueryAsync(tenant, "full_name", "ana bea cid dan eva fer gil hugo ivan"));
        await RpcAssert.InvalidArgumentAsync("name_prefix.text", () => QueryAsync(tenant, "full_name", new string('a', 201)));
        await RpcAssert.InvalidArgumentAsync("name_prefix.text", () => QueryAsync(tenant, "full_name", " "));
    }

    [Fact]
    public async Task Name_search_on_a_field_that_is_not_a_personal_searchable_string_is_refused_by_define_schema()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);

        var error = await RpcAssert.InvalidArgumentAsync("fields[1].name_search", () => _clients.Schemas.DefineSchemaAsync(new DefineSchemaRequest
        {
            TenantId = tenant, Collection = "clubs",
            Fields =
            {
                new FieldDefinition { Name = "leader", Type = FieldType.String, FieldClass = FieldClass.PersonalSearchable, DataCategory = "identity", Purposes = { "administration" }, NameSearch = true },
                new FieldDefinition { Name = "club_name", Type = FieldType.String, FieldClass = FieldClass.Plain, DataCategory = "academic", NameSearch = true },
            },
        }).Within());

        Assert.Contains("'club_name'", error.Status.Detail, StringComparison.Ordinal);
    }

    private async Task<string> TenantWithStudentAsync()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(NameSearchTests.Student(tenant, "stu-1", "Ana García", grade: "7")).Within();
        return tenant;
    }

    private Task<QueryRecordsResponse> QueryAsync(string tenant, string field, string text, string purpose = StudentRecords.Purpose) =>
        _clients.Records.QueryRecordsAsync(new QueryRecordsRequest
        {
            TenantId = tenant, Collection = "students", Purpose = purpose, NamePrefix = NameQueries.Prefix(field, text),
        }).Within();
}
