using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Tenants;
using ProcessorGateway.Storage.Mongo.Keys;

namespace ProcessorGateway.Storage.Mongo.Tests.Shredding;

/// <summary>
/// The cache-fill race of docs/design.md §4, forced deterministically against the real test MongoDB: a load
/// that read a wrapped key just before a shred must not leave it in a cache just after. A load checks
/// the ledger after reading the wrapped key and before caching it, and filling and evicting one key
/// id are serialised. Each ordering runs a few times, each time with a fresh subject and fresh replicas.
/// </summary>
public sealed class CacheFillRaceTests(ShreddingStorage storage) : IClassFixture<ShreddingStorage>
{
    private const int Rounds = 3;

    [Fact]
    public async Task A_load_that_read_the_wrapped_key_before_a_shred_on_another_replica_fails_erased_and_caches_nothing()
    {
        for (var round = 1; round <= Rounds; round++)
        {
            var a = new Replica(storage);
            var b = new Replica(storage);
            var (tenant, subject, key) = await NewSubjectAsync(a);
            var read = new Gate(key.Id);
            b.Vault.AfterFind = read;

            // B reads the wrapped subject key, and stops there.
            var load = b.Keyring.GetAsync(tenant.TenantId, KeyKind.Subject, key, CancellationToken.None);
            await read.Reached.Within();
            Assert.False(load.IsCompleted, $"round {round}: the load should be held at the gate");

            // A shreds the subject, start to finish, while B holds the wrapped bytes.
            var outcome = await a.Shredder.EraseSubjectAsync(tenant.TenantId, subject, "cache-fill race drill", "race-test", CancellationToken.None).Within();
            Assert.Equal([key.Id], outcome.KeyIds);
            Assert.Null(await new MongoKeyVault(storage.Context).FindAsync(tenant.TenantId, key.Id, CancellationToken.None).Within());

            read.Open();

            var error = await Assert.ThrowsAsync<DomainException>(() => load.Within());
            Assert.True(error.Code == DomainErrors.DataErasedCode,
                $"round {round}: a load that read the key before the shred must find the tombstone before caching; got {error.Kind} {error.Code}: {error.Message}");
            Assert.False(b.Cache.TryGet(tenant.TenantId, key.Id, out _), $"round {round}: B must not cache a shredded key");
            Assert.False(b.Cache.TryGetSubject(tenant.TenantId, subject, out _), $"round {round}: B must not map the erased subject to a key");
            Assert.False(a.Cache.TryGet(tenant.TenantId, key.Id, out _), $"round {round}: the shredding replica evicted the key");
        }
    }

    [Fact]
    public async Task A_load_whose_ledger_check_came_before_the_tombstone_caches_the_key_and_the_shreds_eviction_then_removes_it()
    {
        for (var round = 1; round <= Rounds; round++)
        {
            var setup = new Replica(storage);
            var (tenant, subject, key) = await NewSubjectAsync(setup);

            // One replica both loads and shreds; its cache starts empty.
            var x = new Replica(storage);
            var ledgerChecked = new Gate(key.Id);
            var deleted = Gate.Signal(key.Id);
            x.Ledger.AfterFind = ledgerChecked;
            x.Vault.AfterDelete = deleted;

            // The load reads and unwraps the key, finds no tombstone, and stops before caching it.
            var load = x.Keyring.GetAsync(tenant.TenantId, KeyKind.Subject, key, CancellationToken.None);
            await ledgerChecked.Reached.Within();

            // The shred appends its tombstone and deletes the wrapped key; its eviction comes next.
            var shred = x.Shredder.EraseSubjectAsync(tenant.TenantId, subject, "cache-fill race drill", "race-test", CancellationToken.None);
            await deleted.Reached.Within();

            // Give an eviction that does not wait for the fill in progress every chance to run first (and so miss the key).
            await Task.WhenAny(x.Records.BlindIndexesRemoving, Task.Delay(TimeSpan.FromMilliseconds(300)));
            var evictedDuringFill = x.Records.BlindIndexesRemoving.IsCompleted;
            ledgerChecked.Open();

            var loaded = await load.Within();
            Assert.Equal(key, loaded.Reference);
            await shred.Within();
            Assert.False(evictedDuringFill,
                $"round {round}: the shred got past its eviction while a fill of the same key was in flight; filling and evicting one key id must be serialised");
            Assert.False(x.Cache.TryGet(tenant.TenantId, key.Id, out _),
                $"round {round}: the load cached the key after its ledger check; the shred's eviction on the same replica must have removed it");
            Assert.False(x.Cache.TryGetSubject(tenant.TenantId, subject, out _), $"round {round}: the erased subject must map to no cached key");

            var again = await Assert.ThrowsAsync<DomainException>(() => x.Keyring.GetAsync(tenant.TenantId, KeyKind.Subject, key, CancellationToken.None).Within());
            Assert.Equal(DomainErrors.DataErasedCode, again.Code);
        }
    }

    [Fact]
    public async Task A_load_that_finished_before_the_shred_began_is_evicted_by_the_shred_on_the_same_replica()
    {
        for (var round = 1; round <= Rounds; round++)
        {
            var setup = new Replica(storage);
            var (tenant, subject, key) = await NewSubjectAsync(setup);
            var x = new Replica(storage);

            var loaded = await x.Keyring.GetAsync(tenant.TenantId, KeyKind.Subject, key, CancellationToken.None).Within();
            Assert.True(x.Cache.TryGet(tenant.TenantId, loaded.Reference.Id, out _), $"round {round}: the load cached the key");

            await x.Shredder.EraseSubjectAsync(tenant.TenantId, subject, "cache-fill race drill", "race-test", CancellationToken.None).Within();

            Assert.False(x.Cache.TryGet(tenant.TenantId, key.Id, out _), $"round {round}: the shred must evict the cached key");
            Assert.False(x.Cache.TryGetSubject(tenant.TenantId, subject, out _), $"round {round}: the erased subject must map to no cached key");
            var error = await Assert.ThrowsAsync<DomainException>(() => x.Keyring.GetSubjectKeyAsync(tenant, subject, CancellationToken.None).Within());
            Assert.Equal(DomainErrors.DataErasedCode, error.Code);
        }
    }

    /// <summary>A fresh active tenant, and one subject with a key, created (and cached) through <paramref name="replica"/>.</summary>
    private static async Task<(Tenant Tenant, string Subject, KeyReference Key)> NewSubjectAsync(Replica replica)
    {
        var tenant = await replica.NewTenantAsync();
        var subject = $"subj-{Guid.NewGuid():N}"[..16];
        var key = await replica.Keyring.GetSubjectKeyAsync(tenant, subject, CancellationToken.None).Within();
        return (tenant, subject, key.Reference);
    }
}
