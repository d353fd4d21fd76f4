using System.Text.RegularExpressions;

namespace ProcessorGateway.Docs.Tests;

/// <summary>
/// Reads docs/promises.md as its introduction documents: a promise row is a table row whose first cell is
/// its number ("1.4"), with five cells (number, promise, mechanism, tests, status) and no '|' inside a cell.
/// Mechanism files are Markdown links; tests are written in backticks as `ClassName.Method_name`.
/// </summary>
internal static partial class PromisesMap
{
    public const string RelativePath = "docs/promises.md";

    public const string Kept = "**kept**";
    public const string PartlyKept = "**partly kept**:";
    public const string Outside = "**outside the gateway**:";

    /// <summary>The three statuses, as each status cell must begin; the last two go on to say what is missing or who keeps it.</summary>
    public static IReadOnlyList<string> Statuses { get; } = [Kept, PartlyKept, Outside];

    public static string Text => File.ReadAllText(RepositoryRoot.File(RelativePath));

    public static IReadOnlyList<PromiseRow> Rows() =>
        File.ReadLines(RepositoryRoot.File(RelativePath)).Where(l => PromiseRowStart().IsMatch(l)).Select(Parse).ToList();

    /// <summary>The status a row's status cell begins with, or null when it begins with none of the three.</summary>
    public static string? StatusOf(PromiseRow row) => Statuses.FirstOrDefault(s => row.Status.StartsWith(s, StringComparison.Ordinal));

    private static PromiseRow Parse(string line)
    {
        var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
        if (cells.Length != 5)
        {
            throw new InvalidDataException($"{RelativePath}: a promise row has five cells (number, promise, mechanism, tests, status), this one {cells.Length}: {line}");
        }

        return new PromiseRow(
            cells[0],
            MarkdownLink().Matches(cells[2]).Select(m => m.Groups["target"].Value).ToList(),
            TestName().Matches(cells[3]).Select(m => m.Groups["name"].Value).ToList(),
            cells[4]);
    }

    [GeneratedRegex(@"^\|\s*\d+\.\d+\s*\|")]
    private static partial Regex PromiseRowStart();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"`(?<name>[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*)`")]
    private static partial Regex TestName();
}
