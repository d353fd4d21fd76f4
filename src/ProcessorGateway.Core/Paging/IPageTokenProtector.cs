namespace ProcessorGateway.Core.Paging;

/// <summary>Port that turns a cursor into an opaque, tamper-proof token and back.</summary>
public interface IPageTokenProtector
{
    string Protect(PageCursor cursor);

    /// <returns>The cursor, or <c>null</c> when the token was not issued by this gateway or was altered.</returns>
    PageCursor? Unprotect(string token);
}
