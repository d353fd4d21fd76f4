using Grpc.Core;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;
using Value = ProcessorGateway.Contracts.V1.Value;

namespace ProcessorGateway.Server.Tests.Records;

/// <summary>Equality queries on plain and searchable fields and subject ids, and paging through them.</summary>
public sealed class QueryTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private readonly GrpcTestClients _clients = new(gateway.Channel);

    /// <summary>
    /// Six students: grade 7 holds stu-1, stu-2, stu-4, stu-5 and stu-6 (five, for paging), grade 8 holds stu-3.
    /// Two guardians link to them. The tenant is only read after seeding.
    /// </summary>
    private Task<string> SeededTenantAsync() => SharedTenant.ForAsync(gateway, async clients =>
    {
        var tenant = await StudentRecords.CreateTenantAsync(clients);
        var students = new[]
        {
            StudentRecords.Student(tenant, "stu-4", "Charles Babbage", "charles@example.org", DateTimeOffset.UnixEpoch),
            StudentRecords.Student(tenant, "stu-1", "Ada Lovelace", "ada@example.org", DateTimeOffset.UnixEpoch),
            StudentRecords.Student(tenant, "stu-3", "Alan Turing", "alan@example.org", DateTimeOffset.UnixEpoch, gradeLevel: "8"),
            StudentRecords.Student(tenant, "stu-6", "Ada Lovelace", "ada.second@example.org", DateTimeOffset.UnixEpoch),
            StudentRecords.Student(tenant, "stu-2", "Grace Hopper", "grace@example.org", DateTimeOffset.UnixEpoch),
            StudentRecords.Student(tenant, "stu-5", "Edsger Dijkstra", "edsger@example.org", DateTimeOffset.UnixEpoch),
        };
        foreach (var student in students)
        {
            await clients.Records.PutRecordAsync(student).Within();
        }

        await clients.Records.PutRecordAsync(StudentRecords.Guardian(tenant, "gua-1", "Anne Byron", "stu-1", "stu-6")).Within();
        await clients.Records.PutRecordAsync(StudentRecords.Guardian(tenant, "gua-2", "Mary Hopper", "stu-2")).Within();
        return tenant;
    });

    [Fact]
    public async Task Query_by_a_plain_field_returns_the_matching_records_in_record_id_order()
    {
        var tenant = await SeededTenantAsync();

        var page = await QueryAsync(tenant, "students", Filter("grade_level", "8"));

        Assert.Equal(["stu-3"], Ids(page));
        Assert.Equal("Alan Turing", page.Records[0].Fields["full_name"].StringValue);
        Assert.Empty(page.NextPageToken);
        Assert.Equal(["stu-1", "stu-2", "stu-4", "stu-5", "stu-6"], Ids(await QueryAsync(tenant, "students", Filter("grade_level", "7"))));
        Assert.Empty((await QueryAsync(tenant, "students", Filter("grade_level", "12"))).Records);
    }

    [Fact]
    public async Task Query_by_a_searchable_personal_field_matches_the_exact_value()
    {
        var tenant = await SeededTenantAsync();

        Assert.Equal(["stu-1", "stu-6"], Ids(await QueryAsync(tenant, "students", Filter("full_name", "Ada Lovelace"))));
        Assert.Equal(["stu-2"], Ids(await QueryAsync(tenant, "students", Filter("email", "grace@example.org"))));
        Assert.Empty((await QueryAsync(tenant, "students", Filter("full_name", "Ada"))).Records);
    }

    [Theory]
    [InlineData("  ADA lovelace ")]
    [InlineData("ada lovelace")]
    [InlineData("ADA LOVELACE\t")]
    public async Task Query_by_a_searchable_field_ignores_case_and_surrounding_whitespace(string name)
    {
        var tenant = await SeededTenantAsync();

        var page = await QueryAsync(tenant, "students", Filter("full_name", name));

        Assert.Equal(["stu-1", "stu-6"], Ids(page));
        Assert.Equal("Ada Lovelace", page.Records[0].Fields["full_name"].StringValue);
    }

    [Fact]
    public async Task Query_by_subject_id_returns_only_that_subjects_records()
    {
        var tenant = await SeededTenantAsync();

        var page = await _clients.Records.QueryRecordsAsync(new QueryRecordsRequest
        {
            TenantId = tenant, Collection = "students", SubjectId = "subj-stu-4", Purpose = StudentRecords.Purpose,
        }).Within();

        Assert.Equal(["stu-4"], Ids(page));
        Assert.Equal("subj-stu-4", page.Records[0].SubjectId);
    }

    [Fact]
    public async Task Query_with_combined_filters_returns_records_matching_all_of_them()
    {
        var tenant = await SeededTenantAsync();

        Assert.Equal(["stu-6"], Ids(await QueryAsync(tenant, "students", Filter("full_name", "Ada Lovelace"), Filter("email", "ada.second@example.org"))));
        Assert.Equal(["stu-1", "stu-6"], Ids(await QueryAsync(tenant, "students", Filter("full_name", "ada lovelace"), Filter("grade_level", "7"))));
        Assert.Empty((await QueryAsync(tenant, "students", Filter("full_name", "Ada Lovelace"), Filter("grade_level", "8"))).Records);

        var withSubject = await _clients.Records.QueryRecordsAsync(new QueryRecordsRequest
        {
            TenantId = tenant, Collection = "students", SubjectId = "subj-stu-1", Filters = { Filter("full_name", "Ada Lovelace") }, Purpose = StudentRecords.Purpose,
        }).Within();
        Assert.Equal(["stu-1"], Ids(withSubject));
    }

    [Fact]
    public async Task Query_on_a_string_list_field_matches_records_whose_list_contains_the_value()
    {
        var tenant = await SeededTenantAsync();

        Assert.Equal(["gua-1"], Ids(await QueryAsync(tenant, "guardians", "support", Filter("student_ids", "stu-6"))));
        Assert.Equal(["gua-2"], Ids(await QueryAsync(tenant, "guardians", "support", Filter("student_ids", "stu-2"))));
        Assert.Empty((await QueryAsync(tenant, "guardians", "support", Filter("student_ids", "stu-3"))).Records);
    }

    [Fact]
    public async Task Paging_by_2_over_5_matches_visits_each_once_in_record_id_order_and_ends_with_an_empty_token()
    {
        var tenant = await SeededTenantAsync();
        var seen = new List<string>();
        var pageSizes = new List<int>();
        var token = string.Empty;
        do
        {
            var page = await _clients.Records.QueryRecordsAsync(new QueryRecordsRequest
            {
                TenantId = tenant, Collection = "students", Filters = { Filter("grade_level", "7") }, PageSize = 2, PageToken = token, Purpose = StudentRecords.Purpose,
            }).Within();
            seen.AddRange(Ids(page));
            pageSizes.Add(page.Records.Count);
            token = page.NextPageToken;
            Assert.True(pageSizes.Count <= 5, "paging did not end");
        }
        while (token.Length > 0);

        Assert.Equal(["stu-1", "stu-2", "stu-4", "stu-5", "stu-6"], seen);
        Assert.Equal([2, 2, 1], pageSizes);
    }

    [Fact]
    public async Task A_page_that_ends_exactly_at_the_last_record_has_an_empty_token()
    {
        var tenant = await SeededTenantAsync();

        var page = await _clients.Records.QueryRecordsAsync(new QueryRecordsRequest
        {
            TenantId = tenant, Collection = "students", Filters = { Filter("grade_level", "7") }, PageSize = 5, Purpose = StudentRecords.Purpose,
        }).Within();

        Assert.Equal(5, page.Records.Count);
        Assert.Empty(page.NextPageToken);
    }

    [Fact]
    public async Task A_page_token_used_with_other_filters_another_collection_or_one_character_changed_is_invalid_argument_naming_page_token()
    {
        var tenant = await SeededTenantAsync();
        var token = await FirstPageTokenAsync(tenant);
        var middle = token.Length / 2;
        var altered = string.Concat(token.AsSpan(0, middle), token[middle] == 'A' ? "B" : "A", token.AsSpan(middle + 1));

        var misuses = new Dictionary<string, QueryRecordsRequest>
        {
            ["other filter value"] = PageRequest(tenant, token, Filter("grade_level", "8")),
            ["extra filter"] = PageRequest(tenant, token, Filter("grade_level", "7"), Filter("full_name", "Ada Lovelace")),
            ["no filter"] = PageRequest(tenant, token),
            ["subject added"] = WithSubject(PageRequest(tenant, token, Filter("grade_level", "7")), "subj-stu-1"),
            ["other collection"] = WithCollection(PageRequest(tenant, token, Filter("class_section", "7")), "attendance"),
            ["altered by one character"] = PageRequest(tenant, altered, Filter("grade_level", "7")),
            ["truncated"] = PageRequest(tenant, token[..^1], Filter("grade_level", "7")),
        };

        foreach (var (misuse, request) in misuses)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => _clients.Records.QueryRecordsAsync(request).ResponseAsync.WaitAsync(RpcAssert.Timeout));
            Assert.True(error.StatusCode == StatusCode.InvalidArgument && error.Status.Detail.StartsWith("page_token:", StringComparison.Ordinal),
                $"{misuse}: got {error.StatusCode}: {error.Status.Detail}");
        }

        // The untouched token still works for the query it came from.
        Assert.Equal(["stu-4", "stu-5"], Ids(await _clients.Records.QueryRecordsAsync(PageRequest(tenant, token, Filter("grade_level", "7"))).Within()));
    }

    [Fact]
    public async Task A_page_token_from_one_tenant_used_with_another_is_invalid_argument()
    {
        var tenant = await SeededTenantAsync();
        var token = await FirstPageTokenAsync(tenant);
        var other = await StudentRecords.CreateTenantAsync(_clients);

        await RpcAssert.InvalidArgumentAsync("page_token",
            () => _clients.Records.QueryRecordsAsync(PageRequest(other, token, Filter("grade_level", "7"))).ResponseAsync);
    }

    [Fact]
    public async Task Query_results_mask_the_fields_the_purpose_may_not_read()
    {
        var tenant = await SeededTenantAsync();

        var page = await QueryAsync(tenant, "students", "attendance", Filter("full_name", "Ada Lovelace"));

        Assert.Equal(["stu-1", "stu-6"], Ids(page));
        foreach (var record in page.Records)
        {
            Assert.Equal("Ada Lovelace", record.Fields["full_name"].StringValue);
            Assert.Equal("7", record.Fields["grade_level"].StringValue);
            foreach (var hidden in new[] { "email", "date_of_birth" })
            {
                Assert.Equal(Value.KindOneofCase.Masked, record.Fields[hidden].KindCase);
                Assert.Contains($"purpose 'attendance' may not read field '{hidden}'", record.Fields[hidden].Masked.Reason, StringComparison.Ordinal);
            }
        }
    }

    private async Task<string> FirstPageTokenAsync(string tenant)
    {
        var first = await _clients.Records.QueryRecordsAsync(new QueryRecordsRequest
        {
            TenantId = tenant, Collection = "students", Filters = { Filter("grade_level", "7") }, PageSize = 2, Purpose = StudentRecords.Purpose,
        }).Within();
        Assert.Equal(["stu-1", "stu-2"], Ids(first));
        Assert.NotEmpty(first.NextPageToken);
        return first.NextPageToken;
    }

    private static QueryRecordsRequest PageRequest(string tenant, string token, params FieldFilter[] filters) => new()
    {
        TenantId = tenant, Collection = "students", Filters = { filters }, PageSize = 2, PageToken = token, Purpose = StudentRecords.Purpose,
    };

    private static QueryRecordsRequest WithSubject(QueryRecordsRequest request, string subjectId)
    {
        request.SubjectId = subjectId;
        return request;
    }

    private static QueryRecordsRequest WithCollection(QueryRecordsRequest request, string collection)
    {
        request.Collection = collection;
        request.Purpose = "attendance";
        return request;
    }

    private Task<QueryRecordsResponse> QueryAsync(string tenant, string collection, params FieldFilter[] filters) =>
        QueryAsync(tenant, collection, StudentRecords.Purpose, filters);

    private Task<QueryRecordsResponse> QueryAsync(string tenant, string collection, string purpose, params FieldFilter[] filters) =>
        _clients.Records.QueryRecordsAsync(new QueryRecordsRequest { TenantId = tenant, Collection = collection, Filters = { filters }, Purpose = purpose }).Within();

    private static FieldFilter Filter(string field, string equals) => new() { Field = field, Equals_ = new Value { StringValue = equals } };

    private static List<string> Ids(QueryRecordsResponse page) => page.Records.Select(r => r.RecordId).ToList();
}
