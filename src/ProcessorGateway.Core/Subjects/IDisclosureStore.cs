using ProcessorGateway.Core.Paging;

namespace ProcessorGateway.Core.Subjects;

/// <summary>Storage port for disclosures. Every method takes the tenant first and filters on it.</summary>
public interface IDisclosureStore
{
    Task InsertAsync(Disclosure disclosure, CancellationToken cancellationToken);

    /// <summary>The tenant's disclosures (or one subject's), oldest recorded first, after <paramref name="after"/>, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<Disclosure>> ListAsync(string tenantId, string? subjectId, TimedPosition? after, int limit, CancellationToken cancellationToken);

    /// <summary>Every disclosure that names the subject, oldest recorded first, read through a cursor.</summary>
    IAsyncEnumerable<Disclosure> StreamSubjectAsync(string tenantId, string subjectId, CancellationToken cancellationToken);
}
