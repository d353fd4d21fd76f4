using System.Collections.Concurrent;
using System.Globalization;
using ProcessorGateway.Core.Paging;

namespace ProcessorGateway.Core.Tests.Paging;

/// <summary>
/// A substitute for the protector port: a token is a number that stands for a cursor it issued, so a test can
/// also issue a cursor the pager itself never would. Protection itself is tested end to end against the gateway.
/// </summary>
internal sealed class IssuedPageTokens : IPageTokenProtector
{
    private readonly ConcurrentDictionary<string, PageCursor> _issued = new(StringComparer.Ordinal);

    public int Unprotected { get; private set; }

    public string Protect(PageCursor cursor)
    {
        var token = _issued.Count.ToString(CultureInfo.InvariantCulture);
        _issued[token] = cursor;
        return token;
    }

    public PageCursor? Unprotect(string token)
    {
        Unprotected++;
        return _issued.GetValueOrDefault(token);
    }
}
