using ProcessorGateway.Core.Records;
using ProcessorGateway.Storage.Mongo.Records;

namespace ProcessorGateway.Storage.Mongo.Tests.Records;

public sealed class IdempotencyStoreTests(MongoStorageFixture storage) : IClassFixture<MongoStorageFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly MongoIdempotencyStore _store = new(storage.Context);

    [Fact]
    public async Task TryBegin_twice_returns_the_pending_entry_of_the_first_claim()
    {
        var tenant = NewTenant();

        Assert.Null(await _store.TryBeginAsync(tenant, Entry("key-0001", [1, 1]), default).Within());
        var existing = await _store.TryBeginAsync(tenant, Entry("key-0001", [2, 2], recordId: "stu-2"), default).Within();

        Assert.NotNull(existing);
        Assert.Equal(("key-0001", false, "stu-1", 0L, Now), (existing.Key, existing.Completed, existing.RecordId, existing.Version, existing.CreatedAt));
        Assert.Equal([1, 1], existing.RequestFingerprint);
    }

    [Fact]
    public async Task Complete_then_TryBegin_returns_the_completed_entry_with_its_version()
    {
        var tenant = NewTenant();
        await _store.TryBeginAsync(tenant, Entry("key-0002", [3]), default).Within();

        await _store.CompleteAsync(tenant, "key-0002", 4, default).Within();
        var existing = await _store.TryBeginAsync(tenant, Entry("key-0002", [3]), default).Within();

        Assert.NotNull(existing);
        Assert.Equal((true, 4L, "stu-1"), (existing.Completed, existing.Version, existing.RecordId));
    }

    [Fact]
    public async Task The_same_key_in_another_tenant_is_free_and_completing_it_there_leaves_the_first_pending()
    {
        var first = NewTenant();
        var second = NewTenant();
        await _store.TryBeginAsync(first, Entry("key-0003", [5]), default).Within();

        Assert.Null(await _store.TryBeginAsync(second, Entry("key-0003", [6]), default).Within());
        await _store.CompleteAsync(second, "key-0003", 9, default).Within();

        var firstEntry = await _store.TryBeginAsync(first, Entry("key-0003", [5]), default).Within();
        Assert.False(firstEntry!.Completed);
        Assert.Equal([5], firstEntry.RequestFingerprint);
    }

    [Fact]
    public async Task Concurrent_claims_of_one_key_are_won_by_exactly_one()
    {
        var tenant = NewTenant();

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => _store.TryBeginAsync(tenant, Entry("key-0004", [(byte)i]), default))).Within();

        var winner = Assert.Single(claims, c => c is null);
        Assert.Null(winner);
        var fingerprints = claims.Where(c => c is not null).Select(c => c!.RequestFingerprint[0]).Distinct();
        Assert.Single(fingerprints);
    }

    [Fact]
    public async Task TryBeginMany_claims_fresh_keys_and_CompleteMany_completes_them_with_their_versions()
    {
        var tenant = NewTenant();

        var claimed = await _store.TryBeginManyAsync(tenant, [Entry("key-0010", [1]), Entry("key-0011", [2]), Entry("key-0012", [3])], default).Within();
        await _store.CompleteManyAsync(tenant, [("key-0010", 1), ("key-0012", 5)], default).Within();

        Assert.Equal([true, true, true], claimed);
        var entries = await Task.WhenAll(new[] { "key-0010", "key-0011", "key-0012" }.Select(k => _store.FindAsync(tenant, k, default))).Within();
        Assert.Equal([(true, 1L), (false, 0L), (true, 5L)], entries.Select(e => (e!.Completed, e.Version)));
        Assert.Equal([1], entries[0]!.RequestFingerprint);
    }

    [Fact]
    public async Task TryBeginMany_does_not_claim_a_key_held_already_and_reports_each_other_claim_as_it_stands()
    {
        var tenant = NewTenant();
        await _store.TryBeginAsync(tenant, Entry("key-0021", [9]), default).Within();

        var claimed = await _store.TryBeginManyAsync(tenant, [Entry("key-0020", [1]), Entry("key-0021", [2]), Entry("key-0022", [3])], default).Within();

        // MongoDB claims the other two; the development server refuses the whole insert. Either way a claim is reported
        // as this caller's exactly when it holds the key, and the key held already keeps its first claim.
        Assert.False(claimed[1]);
        Assert.Equal([9], (await _store.FindAsync(tenant, "key-0021", default).Within())!.RequestFingerprint);
        foreach (var (i, key) in new[] { (0, "key-0020"), (2, "key-0022") })
        {
            var entry = await _store.FindAsync(tenant, key, default).Within();
            Assert.Equal(claimed[i], entry is not null);
            Assert.True(entry is null || entry.RequestFingerprint[0] == i + 1);
        }
    }

    private static string NewTenant() => $"t-{Guid.NewGuid():N}"[..16];

    private static IdempotencyEntry Entry(string key, byte[] fingerprint, string recordId = "stu-1") =>
        new(key, fingerprint, Completed: false, recordId, Version: 0, Now);
}
