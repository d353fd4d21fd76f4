using ProcessorGateway.Core.Paging;

namespace ProcessorGateway.Storage.Mongo.Tests.Audit;

/// <summary>
/// For readers that verify chains and walk subject histories, which page inside the reader and issue no page token.
/// The storage tests query the log itself; page tokens are tested end to end against the gateway's own protector.
/// </summary>
internal sealed class NoPageTokens : IPageTokenProtector
{
    public static readonly NoPageTokens Instance = new();

    public string Protect(PageCursor cursor) => throw new InvalidOperationException("these storage tests issue no page token");

    public PageCursor? Unprotect(string token) => throw new InvalidOperationException("these storage tests read no page token");
}
