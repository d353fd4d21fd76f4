using ProcessorGateway.Cli;

namespace ProcessorGateway.Server.Tests.Support;

/// <summary>Runs pgctl in this process, as a user would from a shell, and captures what it prints.</summary>
internal static class PgctlRun
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await Pgctl.RunAsync(args, output, error).WaitAsync(RpcAssert.Timeout);
        return (exitCode, output.ToString(), error.ToString());
    }
}
