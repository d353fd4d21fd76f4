namespace ProcessorGateway.Cli;

/// <summary>Something the command checked did not hold (a receipt's signature, an audit chain); exit code <see cref="ExitCodes.VerificationFailed"/>.</summary>
internal sealed class CliVerificationException : Exception
{
    public CliVerificationException()
    {
    }

    public CliVerificationException(string message)
        : base(message)
    {
    }

    public CliVerificationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
