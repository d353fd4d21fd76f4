using BenchmarkDotNet.Running;

namespace ProcessorGateway.Benchmarks.Shredding;

internal static class Program
{
    private static int Main(string[] args)
    {
        // Checked here as well as in each benchmark process, so a missing server or a bad setting stops
        // the run at once with one clear line instead of a failure buried in a child process's log.
        try
        {
            _ = BenchmarkSettings.MongoUri();
            _ = BenchmarkSettings.SubjectsSetting();
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
