using ProcessorGateway.Core.Offboarding;
using ProcessorGateway.Storage.Mongo.Offboarding;

namespace ProcessorGateway.Storage.Mongo.Tests.Offboarding;

/// <summary>
/// The offboarding store on real MongoDB: one pending request per tenant however many replicas ask at once (the unique
/// index decides, not a read), a lapsed request frees the slot, and a transition loses to a concurrent one.
/// </summary>
public sealed class TenantOffboardingStoreTests(MongoStorageFixture storage) : IClassFixture<MongoStorageFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromHours(24);

    private readonly MongoTenantOffboardingStore _store = new(storage.Context);

    [Fact]
    public async Task Sixteen_concurrent_asks_for_one_tenant_store_one_pending_request_and_all_get_it()
    {
        var tenant = NewTenant();

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => _store.InsertOrGetPendingAsync(Ask(tenant, $"op_{i}"), Now, default))).Within();

        var stored = Assert.Single(answers.Select(a => a.RequestId).Distinct(StringComparer.Ordinal));
        Assert.All(answers, a => Assert.Equal(TenantOffboardingState.Pending, a.State));
        Assert.NotNull(await _store.FindAsync(tenant, stored, default).Within());
        Assert.Equal(1, await CountAsync(tenant));
    }

    [Fact]
    public async Task A_request_past_its_window_frees_the_tenant_for_a_new_one_and_stays_stored()
    {
        var tenant = NewTenant();
        var first = await _store.InsertOrGetPendingAsync(Ask(tenant, "op_a"), Now, default).Within();

        var later = Now + Window + TimeSpan.FromSeconds(1);
        var second = await _store.InsertOrGetPendingAsync(Ask(tenant, "op_b", later), later, default).Within();

        Assert.NotEqual(first.RequestId, second.RequestId);
        var lapsed = await _store.FindAsync(tenant, first.RequestId, default).Within();
        Assert.Equal(TenantOffboardingState.Expired, lapsed!.StateAt(later));
        Assert.Equal(2, await CountAsync(tenant));
    }

    [Fact]
    public async Task Of_a_cancel_and_an_approval_from_the_same_version_only_one_lands()
    {
        var tenant = NewTenant();
        var asked = await _store.InsertOrGetPendingAsync(Ask(tenant, "op_a"), Now, default).Within();

        var approved = await _store.TryReplaceAsync(
            asked with { State = TenantOffboardingState.Approved, ApprovedBy = "op_b", ApprovedAt = Now }, asked.Version, default).Within();
        var cancelled = await _store.TryReplaceAsync(
            asked with { State = TenantOffboardingState.Cancelled, CancelledBy = "op_c", CancelledAt = Now }, asked.Version, default).Within();

        Assert.NotNull(approved);
        Assert.Null(cancelled);
        var stored = await _store.FindAsync(tenant, asked.RequestId, default).Within();
        Assert.Equal((TenantOffboardingState.Approved, "op_b", asked.Version + 1), (stored!.State, stored.ApprovedBy, stored.Version));

        // Approved, the tenant has no pending request any more: a new ask is stored as its own.
        var again = await _store.InsertOrGetPendingAsync(Ask(tenant, "op_a"), Now, default).Within();
        Assert.NotEqual(asked.RequestId, again.RequestId);
    }

    private static TenantOffboarding Ask(string tenant, string by, DateTimeOffset? at = null)
    {
        var when = at ?? Now;
        return new TenantOffboarding(Guid.NewGuid().ToString("N"), tenant, "contract ended", by, when, when + Window, TenantOffboardingState.Pending, 1);
    }

    private Task<long> CountAsync(string tenant) =>
        MongoDB.Driver.IMongoCollectionExtensions.CountDocumentsAsync(_store.Collection, d => d.TenantId == tenant).Within();

    private static string NewTenant() => $"off-{Guid.NewGuid():N}"[..20];
}
