using System.Text.RegularExpressions;

namespace ProcessorGateway.Server.Hosting;

/// <summary>The configuration binder's "cannot convert" failure, told without the value it quotes (which may be a secret).</summary>
internal static partial class BadConversion
{
    /// <returns>"<c>path</c> is not a valid <c>type</c>.", or <c>null</c> when the exception is not the binder's conversion failure.</returns>
    public static string? Describe(Exception exception) =>
        exception is InvalidOperationException && Pattern().Match(exception.Message) is { Success: true } match
            ? $"{match.Groups["path"].Value} is not a valid {match.Groups["type"].Value}."
            : null;

    [GeneratedRegex("^Failed to convert configuration value .* at '(?<path>[^']+)' to type '(?<type>[^']+)'", RegexOptions.Singleline)]
    private static partial Regex Pattern();
}
