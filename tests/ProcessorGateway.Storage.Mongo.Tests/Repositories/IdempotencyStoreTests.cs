using ProcessorGateway.Core.Records;
using ProcessorGateway.Storage.Mongo.Repositories;

namespace ProcessorGateway.Storage.Mongo.Tests.Repositories;

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

    private static string NewTenant() => $"t-{Guid.NewGuid():N}"[..16];

    private static IdempotencyEntry Entry(string key, byte[] fingerprint, string recordId = "stu-1") =>
        new(key, fingerprint, Completed: false, recordId, Version: 0, Now);
}
