using ProcessorGateway.Testing;

namespace ProcessorGateway.Benchmarks.Export;

/// <summary>The real gateway, in this process, on databases named by the run (so a second process finds the first one's data and key ring).</summary>
internal sealed class BenchmarkGateway(string database) : GatewayFixture(database)
{
    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        // Seeding 50,000 records on the development server takes single commands of many seconds.
        ["Gateway:Mongo:OperationTimeout"] = "00:02:00",

        // Request logs would be the only thing the console shows otherwise.
        ["Logging:LogLevel:Default"] = "Warning",
    };
}
