using System.Runtime.CompilerServices;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Paging;

/// <summary>
/// The one paging scheme, checked the same way on every paged RPC against a real gateway: page_size 0 means 50
/// and 1..500 is taken as given, pages cover every item exactly once, the last page's next_page_token is empty,
/// and a page token is refused INVALID_ARGUMENT for another tenant, other filters or another RPC.
/// One sealed subclass per paged RPC says how to seed its items and how to ask for a page.
/// </summary>
public abstract class PagedRpcConformanceTests(GatewayFixture gateway)
{
    /// <summary>Items each subclass seeds: pages of two make three pages, the last one short.</summary>
    protected const int Items = 5;

    private const string PageSizeMessage = "page_size: must be 1 to 500 (0 means 50)";

    private static readonly ConditionalWeakTable<GatewayFixture, Task<(string Tenant, IReadOnlyList<string> Ids)>> Seeded = [];

    /// <summary>The bootstrap operator, who may call every paged RPC on every tenant.</summary>
    private protected GrpcTestClients Operator { get; } = new(gateway.Channel);

    /// <summary>Puts exactly <see cref="Items"/> items where the RPC lists them with its usual filters; returns their ids.</summary>
    protected abstract Task<IReadOnlyList<string>> SeedAsync(string tenantId);

    /// <summary>One call: the ids of the page's items and its next_page_token; <paramref name="otherFilters"/> asks with filters that differ.</summary>
    protected abstract Task<(IReadOnlyList<string> Ids, string NextPageToken)> PageAsync(string tenantId, int pageSize, string pageToken, bool otherFilters = false);

    /// <summary>A token another paged RPC issued for the tenant: by default the tenant's audit chain, which every seeding call wrote to.</summary>
    protected virtual async Task<string> OtherRpcTokenAsync(string tenantId)
    {
        var page = await Operator.Audit.QueryAuditAsync(new QueryAuditRequest { TenantId = tenantId, PageSize = 1 }).Within();
        Assert.NotEmpty(page.NextPageToken);
        return page.NextPageToken;
    }

    [Fact]
    public async Task Pages_of_two_cover_every_item_exactly_once_and_the_last_page_has_an_empty_token()
    {
        var (tenant, ids) = await SeededAsync();
        var seen = new List<string>();
        var sizes = new List<int>();
        var token = string.Empty;
        do
        {
            var (page, next) = await PageAsync(tenant, 2, token);
            seen.AddRange(page);
            sizes.Add(page.Count);
            token = next;
            Assert.True(sizes.Count <= Items, "paging did not end");
        }
        while (token.Length > 0);

        Assert.Equal([2, 2, 1], sizes);
        Assert.Equal(ids.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_page_size_of_0_means_50_so_every_item_comes_in_one_page_with_an_empty_token()
    {
        var (tenant, ids) = await SeededAsync();

        var (page, next) = await PageAsync(tenant, 0, string.Empty);

        Assert.Equal(ids.Order(StringComparer.Ordinal), page.Order(StringComparer.Ordinal));
        Assert.Empty(next);
    }

    [Fact]
    public async Task A_page_that_ends_exactly_at_the_last_item_has_an_empty_token()
    {
        var (tenant, _) = await SeededAsync();

        var (page, next) = await PageAsync(tenant, Items, string.Empty);

        Assert.Equal(Items, page.Count);
        Assert.Empty(next);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(501)]
    public async Task A_page_size_out_of_bounds_is_invalid_argument_saying_the_bounds(int pageSize)
    {
        var (tenant, _) = await SeededAsync();

        var refused = await RpcAssert.InvalidArgumentAsync("page_size", () => PageAsync(tenant, pageSize, string.Empty));

        Assert.Equal(PageSizeMessage, refused.Status.Detail);
    }

    [Fact]
    public async Task A_token_from_another_tenant_is_invalid_argument_naming_page_token()
    {
        var (tenant, _) = await SeededAsync();
        var (_, token) = await PageAsync(tenant, 2, string.Empty);
        var other = await StudentRecords.CreateTenantAsync(Operator);

        await RpcAssert.InvalidArgumentAsync("page_token", () => PageAsync(other, 2, token));
    }

    [Fact]
    public async Task A_token_used_with_other_filters_is_invalid_argument_naming_page_token()
    {
        var (tenant, _) = await SeededAsync();
        var (_, token) = await PageAsync(tenant, 2, string.Empty);

        await RpcAssert.InvalidArgumentAsync("page_token", () => PageAsync(tenant, 2, token, otherFilters: true));
    }

    [Fact]
    public async Task A_token_from_another_paged_rpc_is_invalid_argument_naming_page_token()
    {
        var (tenant, _) = await SeededAsync();
        var token = await OtherRpcTokenAsync(tenant);

        await RpcAssert.InvalidArgumentAsync("page_token", () => PageAsync(tenant, 2, token));
    }

    [Fact]
    public async Task A_token_with_one_character_changed_is_invalid_argument_and_the_untouched_token_still_works()
    {
        var (tenant, _) = await SeededAsync();
        var (_, token) = await PageAsync(tenant, 2, string.Empty);
        var middle = token.Length / 2;
        var altered = string.Concat(token.AsSpan(0, middle), token[middle] == 'A' ? "B" : "A", token.AsSpan(middle + 1));

        await RpcAssert.InvalidArgumentAsync("page_token", () => PageAsync(tenant, 2, altered));
        Assert.Equal(2, (await PageAsync(tenant, 2, token)).Ids.Count);
    }

    /// <summary>One tenant per fixture, so per subclass, seeded on first use and only read afterwards.</summary>
    private Task<(string Tenant, IReadOnlyList<string> Ids)> SeededAsync() => Seeded.GetValue(gateway, _ => SeedTenantAsync());

    private async Task<(string Tenant, IReadOnlyList<string> Ids)> SeedTenantAsync()
    {
        var tenant = await StudentRecords.CreateTenantAsync(Operator).WaitAsync(RpcAssert.Timeout);
        var ids = await SeedAsync(tenant);
        Assert.Equal(Items, ids.Distinct().Count());
        return (tenant, ids);
    }
}
