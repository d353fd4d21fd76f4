using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Paging;

namespace ProcessorGateway.Core.Tests.Paging;

public sealed class PagerTests
{
    private static readonly PageScope Scope = PageScope.Of("tenant-a", "ListThings", "state=open", null);

    private readonly IssuedPageTokens _tokens = new();

    [Theory]
    [InlineData(0, Pager.DefaultPageSize)]
    [InlineData(1, 1)]
    [InlineData(Pager.MaxPageSize, Pager.MaxPageSize)]
    public void A_page_size_of_0_means_the_default_and_1_to_the_maximum_is_taken_as_given(int asked, int size) =>
        Assert.Equal(size, Pager.Size(asked));

    [Theory]
    [InlineData(-1)]
    [InlineData(Pager.MaxPageSize + 1)]
    [InlineData(int.MinValue)]
    public void A_page_size_out_of_bounds_is_invalid_argument_naming_the_bounds(int asked)
    {
        var refused = Assert.Throws<DomainException>(() => Pager.Size(asked));

        Assert.Equal((DomainErrorKind.InvalidArgument, "page_size", "page_size: must be 1 to 500 (0 means 50)"), (refused.Kind, refused.Field, refused.Message));
    }

    [Fact]
    public void Cutting_one_item_more_than_the_page_gives_a_token_that_starts_after_the_pages_last_item()
    {
        var pager = new Pager(_tokens);
        var first = pager.Open(Scope, 2, null);

        var page = pager.Cut(first, ["a", "b", "c"], item => item);
        var second = pager.Open(Scope, 2, page.NextPageToken);

        Assert.Equal(["a", "b"], page.Items);
        Assert.Equal((2, "b"), (second.Size, second.After));
    }

    [Fact]
    public void A_page_with_no_item_after_it_is_the_last_and_has_no_token()
    {
        var pager = new Pager(_tokens);

        var page = pager.Cut(pager.Open(Scope, 2, null), ["a", "b"], item => item);

        Assert.Equal((2, null), (page.Items.Count, page.NextPageToken));
    }

    [Fact]
    public void A_token_is_refused_for_another_tenant_rpc_or_filters()
    {
        var pager = new Pager(_tokens);
        var token = pager.Next(pager.Open(Scope, 0, null), "b")!;

        var others = new[]
        {
            PageScope.Of("tenant-b", "ListThings", "state=open", null),
            PageScope.Of("tenant-a", "QueryThings", "state=open", null),
            PageScope.Of("tenant-a", "ListThings", "state=closed", null),
            PageScope.Of("tenant-a", "ListThings", null, "state=open"),
            PageScope.Of("tenant-a", "ListThings", "state=open"),
        };

        foreach (var other in others)
        {
            var refused = Assert.Throws<DomainException>(() => pager.Open(other, 0, token));
            Assert.Equal((DomainErrorKind.InvalidArgument, "page_token"), (refused.Kind, refused.Field));
        }

        Assert.Equal("b", pager.Open(Scope, 0, token).After);
    }

    [Fact]
    public void A_token_the_protector_did_not_issue_is_refused_and_an_overlong_one_is_refused_unread()
    {
        var pager = new Pager(_tokens);

        Assert.Throws<DomainException>(() => pager.Open(Scope, 0, "not-issued"));
        Assert.Equal(1, _tokens.Unprotected);
        Assert.Throws<DomainException>(() => pager.Open(Scope, 0, new string('7', 5000)));
        Assert.Equal(1, _tokens.Unprotected);
    }

    [Fact]
    public void A_bad_page_size_is_refused_before_the_token_is_read()
    {
        var pager = new Pager(_tokens);

        var refused = Assert.Throws<DomainException>(() => pager.Open(Scope, -1, "not-issued"));

        Assert.Equal(("page_size", 0), (refused.Field, _tokens.Unprotected));
    }
}
