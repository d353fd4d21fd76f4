using System.CommandLine;
using System.Globalization;

namespace ProcessorGateway.Cli;

/// <summary>
/// The paging options and the page footer of every paged command, as the gateway pages every paged RPC the same way
/// (page_size 1-500, 0 for its default; an opaque page_token; next_page_token empty on the last page).
/// </summary>
internal sealed class PageOptions
{
    public Option<int> Size { get; } = new("--page-size") { Description = "Items per page, 1-500 (default 50)." };

    public Option<string> Token { get; } = new("--page-token") { Description = "The page token the previous page printed." };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(Size);
        command.Add(Token);
    }

    /// <summary>The last line of a page in text output: how many items, and how to ask for the next page.</summary>
    public static void WriteFooter(TextWriter output, int count, string noun, string nextPageToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var items = string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? string.Empty : "s")}");
        output.WriteLine(string.IsNullOrEmpty(nextPageToken) ? $"{items}; last page" : $"{items}; next page: --page-token {nextPageToken}");
    }
}
