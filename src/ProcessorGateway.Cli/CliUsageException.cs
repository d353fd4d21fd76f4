namespace ProcessorGateway.Cli;

/// <summary>The command line itself is wrong (a bad value, a missing setting): exit code 2, no call is made.</summary>
internal sealed class CliUsageException : Exception
{
    public CliUsageException()
    {
    }

    public CliUsageException(string message)
        : base(message)
    {
    }

    public CliUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
