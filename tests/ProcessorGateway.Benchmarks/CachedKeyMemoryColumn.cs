using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using ProcessorGateway.Core.Keys;

namespace ProcessorGateway.Benchmarks;

/// <summary>
/// The memory one cached key holds, measured in the host process once per subject count: a cache as large
/// as the subject count is filled with that many keys, each used once for decryption (so its pool holds the
/// one <c>AesGcm</c> a request leaves behind), and the growth of the managed heap and of the process's private
/// memory (which also counts the native cipher state) is divided by the number of keys.
/// </summary>
internal sealed class CachedKeyMemoryColumn : IColumn
{
    private static readonly ConcurrentDictionary<int, string> Measured = new();

    public string Id => nameof(CachedKeyMemoryColumn);

    public string ColumnName => "Held/key (managed; total)";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => false;

    public UnitType UnitType => UnitType.Size;

    public string Legend => "Bytes one cached key holds, with the cache filled to the subject count: managed heap; process private memory (managed and native)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var subjects = (int)benchmarkCase.Parameters[nameof(SubjectKeyCacheBenchmarks.Subjects)];
        return Measured.GetOrAdd(subjects, Measure);
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    private static string Measure(int subjects)
    {
        using var process = Process.GetCurrentProcess();
        var managedBefore = GC.GetTotalMemory(forceFullCollection: true);
        process.Refresh();
        var privateBefore = process.PrivateMemorySize64;

        var cache = new UnwrappedKeyCache(new KeyCacheOptions { Capacity = subjects, Lifetime = TimeSpan.FromHours(1) }, TimeProvider.System);
        for (var i = 0; i < subjects; i++)
        {
            using var key = KeyMaterial.Generate("bench-tenant", KeyKind.Subject, new KeyReference(Guid.NewGuid(), 1), $"subj-{i:D7}");
            key.ReturnCipher(key.RentCipher());
            cache.Add(key);
        }

        var managed = (GC.GetTotalMemory(forceFullCollection: true) - managedBefore) / (double)subjects;
        process.Refresh();
        var total = (process.PrivateMemorySize64 - privateBefore) / (double)subjects;
        var held = cache.Count;
        cache.Clear();
        GC.KeepAlive(cache);
        return held == subjects
            ? string.Create(CultureInfo.InvariantCulture, $"{managed:N0} B; {total:N0} B")
            : $"cache kept {held} of {subjects}";
    }
}
