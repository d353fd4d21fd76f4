namespace ProcessorGateway.Cli;

/// <summary>One <c>name=value</c> from the command line, before the value is typed by the schema.</summary>
internal sealed record FieldAssignment(string Name, string Text)
{
    /// <summary>Splits at the first '=', so a value may itself contain '=' (base64 padding, for one).</summary>
    public static FieldAssignment Parse(string argument, string option)
    {
        ArgumentNullException.ThrowIfNull(argument);
        var equals = argument.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new CliUsageException($"{option} '{argument}' is not name=value.");
        }

        return new FieldAssignment(argument[..equals].Trim(), argument[(equals + 1)..]);
    }
}
