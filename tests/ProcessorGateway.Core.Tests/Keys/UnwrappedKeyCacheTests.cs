using ProcessorGateway.Core.Crypto;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Tests.Keys;

public sealed class UnwrappedKeyCacheTests
{
    private readonly ManualTime _time = new();

    [Fact]
    public void Subject_key_is_found_by_subject_until_it_is_evicted()
    {
        var cache = new UnwrappedKeyCache(new KeyCacheOptions(), _time);
        var key = Subject("subj-1");
        cache.Add(key);

        Assert.True(cache.TryGetSubject("t1", "subj-1", out var found));
        Assert.Same(key, found);

        cache.Evict("t1", [key.Reference.Id]);

        Assert.False(cache.TryGetSubject("t1", "subj-1", out _));
        Assert.False(cache.TryGet("t1", key.Reference.Id, out _));
    }

    [Fact]
    public void Key_of_another_tenant_with_the_same_id_is_not_found()
    {
        var cache = new UnwrappedKeyCache(new KeyCacheOptions(), _time);
        var key = Subject("subj-1");
        cache.Add(key);

        Assert.False(cache.TryGet("t2", key.Reference.Id, out _));
        Assert.False(cache.TryGetSubject("t2", "subj-1", out _));
    }

    [Fact]
    public void Entries_expire_after_the_lifetime()
    {
        var cache = new UnwrappedKeyCache(new KeyCacheOptions { Lifetime = TimeSpan.FromMinutes(5) }, _time);
        var key = Subject("subj-1");
        cache.Add(key);

        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        Assert.False(cache.TryGet("t1", key.Reference.Id, out _));
        Assert.False(cache.TryGetSubject("t1", "subj-1", out _));
    }

    [Fact]
    public void Cache_never_holds_more_than_its_capacity()
    {
        var cache = new UnwrappedKeyCache(new KeyCacheOptions { Capacity = 10 }, _time);
        for (var i = 0; i < 100; i++)
        {
            cache.Add(Subject($"subj-{i}"));
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(10, cache.Count);
        Assert.True(cache.TryGetSubject("t1", "subj-99", out _));
        Assert.False(cache.TryGetSubject("t1", "subj-0", out _));
    }

    [Fact]
    public async Task Concurrent_misses_never_push_the_cache_past_its_capacity()
    {
        var cache = new UnwrappedKeyCache(new KeyCacheOptions { Capacity = 64 }, _time);
        var largest = 0;
        await Parallel.ForAsync(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, (i, _) =>
        {
            using var key = Subject($"subj-{i}");
            cache.Add(key);
            InterlockedMax(ref largest, cache.Count);
            return ValueTask.CompletedTask;
        });

        Assert.InRange(largest, 1, 64);
        Assert.InRange(cache.Count, 1, 64);
    }

    [Fact]
    public void A_full_cache_evicts_the_soonest_to_expire_first()
    {
        var cache = new UnwrappedKeyCache(new KeyCacheOptions { Capacity = 3 }, _time);
        var first = Subject("subj-1");
        cache.Add(first);
        _time.Advance(TimeSpan.FromSeconds(1));
        cache.Add(Subject("subj-2"));
        _time.Advance(TimeSpan.FromSeconds(1));
        cache.Add(Subject("subj-3"));
        _time.Advance(TimeSpan.FromSeconds(1));

        // Added again, the first key lives on from now, and the second is now the oldest.
        cache.Add(first);
        cache.Add(Subject("subj-4"));

        Assert.Equal(3, cache.Count);
        Assert.False(cache.TryGetSubject("t1", "subj-2", out _));
        Assert.All(new[] { "subj-1", "subj-3", "subj-4" }, s => Assert.True(cache.TryGetSubject("t1", s, out _)));
    }

    [Fact]
    public void Expired_keys_leave_the_count_as_new_ones_arrive()
    {
        var cache = new UnwrappedKeyCache(new KeyCacheOptions { Capacity = 100, Lifetime = TimeSpan.FromMinutes(1) }, _time);
        for (var i = 0; i < 10; i++)
        {
            cache.Add(Subject($"old-{i}"));
        }

        _time.Advance(TimeSpan.FromMinutes(2));
        cache.Add(Subject("new"));

        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Evicted_and_cleared_keys_are_not_counted()
    {
        var cache = new UnwrappedKeyCache(new KeyCacheOptions { Capacity = 10 }, _time);
        var keys = Enumerable.Range(0, 5).Select(i => Subject($"subj-{i}")).ToList();
        keys.ForEach(cache.Add);

        cache.Evict("t1", [keys[0].Reference.Id, keys[0].Reference.Id]);
        Assert.Equal(4, cache.Count);

        cache.Clear();
        Assert.Equal(0, cache.Count);
        for (var i = 0; i < 10; i++)
        {
            cache.Add(Subject($"again-{i}"));
        }

        Assert.Equal(10, cache.Count);
        Assert.True(cache.TryGetSubject("t1", "again-0", out _));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    [Fact]
    public void Evicting_a_tenant_removes_its_keys_only()
    {
        var cache = new UnwrappedKeyCache(new KeyCacheOptions(), _time);
        cache.Add(Subject("subj-1"));
        var other = KeyMaterial.Generate("t2", KeyKind.Data, new KeyReference(Guid.NewGuid(), 1));
        cache.Add(other);

        cache.EvictTenant("t1");

        Assert.False(cache.TryGetSubject("t1", "subj-1", out _));
        Assert.True(cache.TryGet("t2", other.Reference.Id, out _));
    }

    [Fact]
    public void Evicted_key_stays_usable_for_a_request_holding_it_and_is_wiped_when_that_request_lets_go()
    {
        var cache = new UnwrappedKeyCache(new KeyCacheOptions(), _time);
        var key = Subject("subj-1");
        cache.Add(key);
        key.Dispose();
        Assert.True(cache.TryGet("t1", key.Reference.Id, out var inUse));
        var context = new FieldContext("t1", "students", "stu-1", "email", 1);

        cache.Evict("t1", [key.Reference.Id]);

        Assert.NotEmpty(FieldCipher.Encrypt(inUse, new StringValue("still in use"), context));
        inUse.Dispose();
        Assert.Throws<ObjectDisposedException>(() => FieldCipher.Encrypt(inUse, new StringValue("wiped"), context));
    }

    [Fact]
    public void Evicted_key_no_request_holds_is_wiped_at_once()
    {
        var cache = new UnwrappedKeyCache(new KeyCacheOptions(), _time);
        var key = Subject("subj-1");
        cache.Add(key);
        key.Dispose();

        cache.Clear();

        Assert.Throws<ObjectDisposedException>(() => FieldCipher.Encrypt(key, new StringValue("wiped"), new FieldContext("t1", "students", "stu-1", "email", 1)));
        Assert.False(cache.TryGet("t1", key.Reference.Id, out _));
    }

    private static KeyMaterial Subject(string subjectId) =>
        KeyMaterial.Generate("t1", KeyKind.Subject, new KeyReference(Guid.NewGuid(), 1), subjectId);

    /// <summary>A clock the test moves, so expiry is checked without waiting.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
