using ProcessorGateway.Core.Audit;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Paging;
using ProcessorGateway.Core.Tests.Paging;

namespace ProcessorGateway.Core.Tests.Audit;

public sealed class AuditReaderPagingTests
{
    private readonly IssuedPageTokens _tokens = new();

    [Fact]
    public async Task The_next_page_token_asks_the_log_for_the_events_after_the_last_sequence_of_the_page_before()
    {
        var log = new PagedAuditLog(nextAfterSequence: 7);
        var reader = new AuditReader(log, new Pager(_tokens), new AuditSubjects(new SubjectKeysInMemory()));

        var first = await reader.QueryAsync("tenant-a", "subj-1", null, null, null, null, null, 0, null, CancellationToken.None);
        await reader.QueryAsync("tenant-a", "subj-1", null, null, null, null, null, 0, first.NextPageToken, CancellationToken.None);

        Assert.Equal([(0L, Pager.DefaultPageSize), (7L, Pager.DefaultPageSize)], log.Queries.Select(q => (q.AfterSequence, q.PageSize)));
    }

    [Fact]
    public async Task A_cursor_at_the_largest_sequence_number_is_refused_rather_than_wrapped_round_to_the_chains_start()
    {
        var log = new PagedAuditLog(nextAfterSequence: null);
        var reader = new AuditReader(log, new Pager(_tokens), new AuditSubjects(new SubjectKeysInMemory()));
        var scope = PageScope.Of("tenant-a", "QueryAudit", null, null, null, null, null, null);
        var token = _tokens.Protect(new PageCursor(scope.TenantId, scope.Query, scope.Fingerprint, long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var refused = await Assert.ThrowsAsync<DomainException>(() => reader.QueryAsync("tenant-a", null, null, null, null, null, null, 0, token, CancellationToken.None));

        Assert.Equal((DomainErrorKind.InvalidArgument, "page_token"), (refused.Kind, refused.Field));
        Assert.Empty(log.Queries);
    }

    [Fact]
    public async Task A_token_from_a_tenants_chain_is_refused_on_the_operator_chain()
    {
        var log = new PagedAuditLog(nextAfterSequence: 3);
        var reader = new AuditReader(log, new Pager(_tokens), new AuditSubjects(new SubjectKeysInMemory()));
        var first = await reader.QueryAsync("tenant-a", null, null, null, null, null, null, 0, null, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            reader.QueryAsync(AuditChains.Operator, null, null, null, null, null, null, 0, first.NextPageToken, CancellationToken.None));

        Assert.Equal("page_token", refused.Field);
    }
}
