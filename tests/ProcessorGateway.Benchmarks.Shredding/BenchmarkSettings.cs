using System.Globalization;

namespace ProcessorGateway.Benchmarks.Shredding;

/// <summary>What the run reads from its environment; read the same way by the host and by each benchmark process.</summary>
internal static class BenchmarkSettings
{
    public const string MongoUriVariable = "PG_BENCH_MONGO_URI";
    public const string SubjectsVariable = "PG_BENCH_SHRED_SUBJECTS";

    /// <summary>
    /// A school of 1,000 students, one data subject (one subject key) each. Offboarding writes one ledger
    /// tombstone per key, one insert at a time, and on the development server each insert slows with the
    /// ledger's size (about 650 ms each at 10,000 tombstones): one subject per record at 10,000 and 50,000
    /// records would take hours there. On a real MongoDB, set the variable to 50000 for one per record.
    /// </summary>
    public const int DefaultSubjects = 1_000;

    public static string MissingMongoMessage =>
        $"{MongoUriVariable} is not set. The shredding benchmark needs a MongoDB server: run "
        + $"tests/ProcessorGateway.Benchmarks.Shredding/run.sh, which starts one on loopback, or set {MongoUriVariable} "
        + "to a connection string such as mongodb://127.0.0.1:27017.";

    public static string MongoUri()
    {
        var uri = Environment.GetEnvironmentVariable(MongoUriVariable);
        return string.IsNullOrWhiteSpace(uri) ? throw new InvalidOperationException(MissingMongoMessage) : uri;
    }

    /// <summary>How many data subjects the tenant's records belong to: the setting, but never more than one per record.</summary>
    public static int Subjects(int records) => Math.Min(SubjectsSetting(), records);

    public static int SubjectsSetting()
    {
        var value = Environment.GetEnvironmentVariable(SubjectsVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return DefaultSubjects;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var subjects) && subjects > 0
            ? subjects
            : throw new InvalidOperationException($"{SubjectsVariable} must be a positive whole number of data subjects, not '{value}'.");
    }
}
