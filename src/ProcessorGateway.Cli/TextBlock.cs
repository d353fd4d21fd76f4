namespace ProcessorGateway.Cli;

/// <summary>Label/value lines with the values lined up, the text form of one reply.</summary>
internal static class TextBlock
{
    public static void Write(TextWriter output, IReadOnlyList<(string Label, string Value)> lines, string indent = "")
    {
        var width = lines.Count == 0 ? 0 : lines.Max(l => l.Label.Length);
        foreach (var (label, value) in lines)
        {
            output.WriteLine($"{indent}{label.PadRight(width)}  {value}");
        }
    }
}
