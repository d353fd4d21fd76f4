using BenchmarkDotNet.Attributes;
using ProcessorGateway.Core.Crypto;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Benchmarks;

/// <summary>
/// What name search adds to a write of one name (docs/search.md#cost): deriving the name-prefix key and computing every
/// prefix token of the name, against the blind-index token every personal_searchable field already costs. A query pays
/// the derivation and one token per word.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class NameTokenBenchmarks : IDisposable
{
    private const string Name = "María José García-López";
    private KeyMaterial? _indexKey;
    private NamePrefixKey? _nameKey;

    [GlobalSetup]
    public void SetUp()
    {
        _indexKey = KeyMaterial.Generate(StudentRecord.TenantId, KeyKind.Index, new KeyReference(Guid.NewGuid(), 1));
        _nameKey = NamePrefixKey.Derive(_indexKey);
    }

    [Benchmark(Baseline = true)]
    public byte[] Blind_index_token() => BlindIndex.Token(_indexKey!, "students", "full_name", new StringValue(Name));

    [Benchmark]
    public IReadOnlyList<byte[]> Name_tokens() => _nameKey!.TokensOf("students", "full_name", Name);

    [Benchmark]
    public int Derive_key_and_name_tokens()
    {
        using var key = NamePrefixKey.Derive(_indexKey!);
        return key.TokensOf("students", "full_name", Name).Count;
    }

    [Benchmark]
    public int Normalise_name() => NameNormalisation.Words(_indexKey is null ? string.Empty : Name).Count;

    public void Dispose()
    {
        _nameKey?.Dispose();
        _indexKey?.Dispose();
        GC.SuppressFinalize(this);
    }

    [GlobalCleanup]
    public void CleanUp() => Dispose();
}
