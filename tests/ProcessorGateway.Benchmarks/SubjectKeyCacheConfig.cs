using BenchmarkDotNet.Configs;

namespace ProcessorGateway.Benchmarks;

/// <summary>Adds the memory each cached key holds beside the timings.</summary>
internal sealed class SubjectKeyCacheConfig : ManualConfig
{
    public SubjectKeyCacheConfig() => AddColumn(new CachedKeyMemoryColumn());
}
