using System.Globalization;
using ProcessorGateway.Core.Errors;

namespace ProcessorGateway.Core.Paging;

/// <summary>
/// The one paging scheme of every paged RPC: <c>page_size</c> (0 means <see cref="DefaultPageSize"/>, at most
/// <see cref="MaxPageSize"/>), <c>page_token</c> and <c>next_page_token</c> (empty on the last page). A token is
/// opaque and protected by <see cref="IPageTokenProtector"/>, and bound to the <see cref="PageScope"/> it was
/// issued for: another tenant's, another RPC's or other filters' token is refused INVALID_ARGUMENT.
/// </summary>
public sealed class Pager(IPageTokenProtector protector)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    /// <summary>A protected cursor is a few hundred characters; anything much longer was not issued here.</summary>
    private const int MaxTokenLength = 4096;

    /// <summary>The page size asked for, checked; paged RPCs call it before any other work so a bad size costs nothing.</summary>
    public static int Size(int pageSize) => pageSize switch
    {
        0 => DefaultPageSize,
        >= 1 and <= MaxPageSize => pageSize,
        _ => throw DomainErrors.Invalid("page_size", string.Create(CultureInfo.InvariantCulture, $"must be 1 to {MaxPageSize} (0 means {DefaultPageSize})")),
    };

    public PageRequest Open(PageScope scope, int pageSize, string? pageToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var size = Size(pageSize);
        if (string.IsNullOrEmpty(pageToken))
        {
            return new PageRequest(scope, size, null);
        }

        var cursor = pageToken.Length <= MaxTokenLength ? protector.Unprotect(pageToken) : null;
        return cursor is not null && cursor.TenantId == scope.TenantId && cursor.Query == scope.Query
            && cursor.Fingerprint.AsSpan().SequenceEqual(scope.Fingerprint) && !string.IsNullOrEmpty(cursor.After)
            ? new PageRequest(scope, size, cursor.After)
            : throw DomainErrors.PageTokenInvalid();
    }

    /// <summary>
    /// For stores asked for one item more than the page: the page is the first <see cref="PageRequest.Size"/>,
    /// and the next page starts after its last item when the store found more.
    /// </summary>
    public Page<T> Cut<T>(PageRequest request, IReadOnlyList<T> found, Func<T, string> position)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(found);
        ArgumentNullException.ThrowIfNull(position);
        if (found.Count <= request.Size)
        {
            return new Page<T>(found, null);
        }

        var items = found.Take(request.Size).ToList();
        return new Page<T>(items, Next(request, position(items[^1])));
    }

    /// <summary>The token of the page that starts after <paramref name="after"/>; <c>null</c> (the last page) when there is none.</summary>
    public string? Next(PageRequest request, string? after)
    {
        ArgumentNullException.ThrowIfNull(request);
        return after is null ? null : protector.Protect(new PageCursor(request.Scope.TenantId, request.Scope.Query, request.Scope.Fingerprint, after));
    }
}
