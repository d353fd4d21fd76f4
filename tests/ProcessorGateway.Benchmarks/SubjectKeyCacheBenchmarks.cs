using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using ProcessorGateway.Core.Crypto;
using ProcessorGateway.Core.Keys;

namespace ProcessorGateway.Benchmarks;

/// <summary>
/// Per-person keys at scale: a tenant with 10k, 100k or 1M subject keys (wrapped under the tenant key, as
/// the key vault holds them) and the bounded cache of unwrapped keys in front of them. Three ways to get
/// a subject's key, each 1,024 times per invocation:
/// <list type="bullet">
/// <item><b>Unwrap_only</b> (baseline): <see cref="KeyWrap.Unwrap"/> of the subject key, the cryptographic
/// floor of a miss, with no cache at all.</item>
/// <item><b>Cache_hit</b>: <see cref="UnwrappedKeyCache.TryGetSubject"/> of a cached subject, and giving the
/// reference back, as a request does.</item>
/// <item><b>Cache_miss</b>: a subject the full cache does not hold: the lookup fails, the key is unwrapped,
/// cached (evicting, since the cache is at its bound) and given back. Reading the wrapped key from MongoDB
/// is left out: it measures the storage server, which the load tool does against a real MongoDB.</item>
/// </list>
/// The cache has the gateway's default bound (<see cref="KeyCacheOptions.Capacity"/>, 10,000), or half the
/// subjects where that would hold them all, so that every miss really misses. The set-up fails the run if
/// the cache ever holds more than its bound. <see cref="CachedKeyMemoryColumn"/> adds the memory each cached
/// key holds.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
[Config(typeof(SubjectKeyCacheConfig))]
public class SubjectKeyCacheBenchmarks : IDisposable
{
    private const int Operations = 1024;
    private const string TenantId = "bench-tenant";

    private KeyMaterial? _tenantKey;
    private WrappedSubjectKey[] _subjects = [];
    private UnwrappedKeyCache? _cache;
    private int _capacity;
    private int _next;

    [Params(10_000, 100_000, 1_000_000)]
    public int Subjects { get; set; }

    public static int CapacityFor(int subjects) => Math.Min(new KeyCacheOptions().Capacity, subjects / 2);

    [GlobalSetup]
    public void SetUp()
    {
        _tenantKey = KeyMaterial.Generate(TenantId, KeyKind.Data, new KeyReference(Guid.NewGuid(), 1));
        _subjects = WrapSubjectKeys(_tenantKey, Subjects);
        _capacity = CapacityFor(Subjects);
        _cache = new UnwrappedKeyCache(new KeyCacheOptions { Capacity = _capacity, Lifetime = TimeSpan.FromHours(1) }, TimeProvider.System);

        // The cache starts full, with the first subjects: hits ask for those, misses walk the others and
        // then around again, always asking for the subject evicted longest ago.
        for (var i = 0; i < _capacity; i++)
        {
            using var key = Unwrap(_subjects[i]);
            _cache.Add(key);
        }

        _next = _capacity;
        RequireWithinBound();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    public int Unwrap_only()
    {
        var checksum = 0;
        for (var i = 0; i < Operations; i++)
        {
            var subject = _subjects[NextColdIndex()];
            var bytes = KeyWrap.Unwrap(_tenantKey!, subject.SubjectId, subject.Reference, subject.Wrapped);
            checksum += bytes[0];
            CryptographicOperations.ZeroMemory(bytes);
        }

        return checksum;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public int Cache_hit()
    {
        var found = 0;
        for (var i = 0; i < Operations; i++)
        {
            var subject = _subjects[(_next++ & int.MaxValue) % _capacity];
            if (_cache!.TryGetSubject(TenantId, subject.SubjectId, out var key))
            {
                found++;
                key.Dispose();
            }
        }

        return found == Operations ? found : throw new InvalidOperationException($"only {found} of {Operations} lookups hit");
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public int Cache_miss()
    {
        var missed = 0;
        for (var i = 0; i < Operations; i++)
        {
            var subject = _subjects[NextColdIndex()];
            if (_cache!.TryGetSubject(TenantId, subject.SubjectId, out var cached))
            {
                cached.Dispose();
                continue;
            }

            missed++;
            using var key = Unwrap(subject);
            _cache.Add(key);
        }

        return missed == Operations ? missed : throw new InvalidOperationException($"only {missed} of {Operations} lookups missed");
    }

    [GlobalCleanup]
    public void RequireWithinBound()
    {
        if (_cache is { } cache && cache.Count > _capacity)
        {
            throw new InvalidOperationException($"the key cache holds {cache.Count} keys, over its bound of {_capacity}");
        }
    }

    public void Dispose()
    {
        _tenantKey?.Dispose();
        GC.SuppressFinalize(this);
    }

    internal static WrappedSubjectKey[] WrapSubjectKeys(KeyMaterial tenantKey, int count)
    {
        var subjects = new WrappedSubjectKey[count];
        for (var i = 0; i < count; i++)
        {
            var subjectId = $"subj-{i:D7}";
            using var subjectKey = KeyMaterial.Generate(TenantId, KeyKind.Subject, new KeyReference(Guid.NewGuid(), 1), subjectId);
            subjects[i] = new WrappedSubjectKey(subjectId, subjectKey.Reference, KeyWrap.Wrap(tenantKey, subjectKey, subjectId));
        }

        return subjects;
    }

    /// <summary>Walks the subjects past the cached ones, round and round, so each is the one evicted longest ago.</summary>
    private int NextColdIndex()
    {
        var index = _next;
        _next = index + 1 >= _subjects.Length ? 0 : index + 1;
        return index;
    }

    private KeyMaterial Unwrap(WrappedSubjectKey subject) =>
        new(TenantId, KeyKind.Subject, subject.Reference, KeyWrap.Unwrap(_tenantKey!, subject.SubjectId, subject.Reference, subject.Wrapped), subject.SubjectId);
}
