using BenchmarkDotNet.Running;

namespace ProcessorGateway.Benchmarks;

internal static class Program
{
    private static int Main(string[] args)
    {
        // Checked here as well as in the benchmark's set-up, so a missing server stops the run at once
        // with one clear line instead of a failure buried in a child process's log.
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(FieldEncryptionBenchmarks.MongoUriVariable)))
        {
            Console.Error.WriteLine($"error: {FieldEncryptionBenchmarks.MissingMongoMessage}");
            return 2;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
