using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Records;
using ProcessorGateway.Core.Shredding;
using ProcessorGateway.Core.Tenants;
using ProcessorGateway.Storage.Mongo.Keys;
using ProcessorGateway.Storage.Mongo.Records;
using ProcessorGateway.Storage.Mongo.Shredding;
using ProcessorGateway.Storage.Mongo.Tenants;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Storage.Mongo.Tests.Shredding;

/// <summary>
/// MongoDB databases of a test class's own (records, key vault and shred ledger apart, as in
/// production), with every index created as at start-up, and one Data Protection root key ring that
/// every <see cref="Replica"/> shares, as gateway replicas share theirs through the key vault.
/// </summary>
public sealed class ShreddingStorage : IAsyncLifetime
{
    public ShreddingStorage()
    {
        var database = TestServers.DatabaseFor(typeof(ShreddingStorage));
        Context = new MongoContext(Options.Create(new MongoStorageOptions
        {
            ConnectionString = TestServers.MongoConnectionString,
            Database = database,
            KeyVaultDatabase = $"{database}_kv",
            LedgerDatabase = $"{database}_ledger",
        }));
    }

    public MongoContext Context { get; }

    internal IKeyWrapper Wrapper { get; } = new DataProtectorKeyWrapper(new EphemeralDataProtectionProvider());

    public Task InitializeAsync() =>
        new MongoIndexInitializer(Context, NullLogger<MongoIndexInitializer>.Instance).CreateAllAsync(CancellationToken.None).WaitAsync(TestTimeout.Default);

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>
    /// The gateway's own wrapping over Data Protection (the Server's DataProtectionKeyWrapper is
    /// internal to the Server): the real primitive, with the purpose chain bound to tenant, kind and key.
    /// </summary>
    private sealed class DataProtectorKeyWrapper(IDataProtectionProvider provider) : IKeyWrapper
    {
        public byte[] Wrap(string tenantId, KeyKind kind, KeyReference reference, ReadOnlySpan<byte> key) =>
            Protector(tenantId, kind, reference).Protect(key.ToArray());

        public byte[] Unwrap(string tenantId, KeyKind kind, KeyReference reference, byte[] wrapped) =>
            Protector(tenantId, kind, reference).Unprotect(wrapped);

        private IDataProtector Protector(string tenantId, KeyKind kind, KeyReference reference) =>
            provider.CreateProtector("ProcessorGateway.TenantKeys.v1", tenantId, kind.ToString(), reference.Id.ToString("N"),
                reference.Version.ToString(CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// One gateway replica's key handling: its own unwrapped-key cache and keyring, and a shredder, over
/// the real MongoDB adapters. The vault, ledger and record ports are wrapped so a test can hold a call
/// at a gate it controls, after the real call has done its work.
/// </summary>
internal sealed class Replica
{
    private readonly ShreddingStorage _storage;

    public Replica(ShreddingStorage storage)
    {
        _storage = storage;
        Vault = new GatedVault(new MongoKeyVault(storage.Context));
        Ledger = new GatedLedger(new MongoShredLedger(storage.Context));
        Records = new SignallingRecords(new MongoRecordRepository(storage.Context));
        Cache = new UnwrappedKeyCache(new KeyCacheOptions(), TimeProvider.System);
        Keyring = new TenantKeyring(Vault, storage.Wrapper, Ledger, Cache, new StandaloneReplicaLease(), TimeProvider.System);
        Shredder = new ShredService(new MongoTenantRepository(storage.Context), Vault, Ledger, Keyring, Records,
            new LocalReplicaInvalidator(), BackupRetention.Default, TimeProvider.System);
    }

    public GatedVault Vault { get; }

    public GatedLedger Ledger { get; }

    public SignallingRecords Records { get; }

    public UnwrappedKeyCache Cache { get; }

    public TenantKeyring Keyring { get; }

    public ShredService Shredder { get; }

    /// <summary>A fresh active tenant with data and index keys made through this replica's keyring.</summary>
    public async Task<Tenant> NewTenantAsync()
    {
        var tenantId = $"race-{Guid.NewGuid():N}"[..20];
        var dataKey = await Keyring.CreateKeyAsync(tenantId, KeyKind.Data, CancellationToken.None).Within();
        var indexKey = await Keyring.CreateKeyAsync(tenantId, KeyKind.Index, CancellationToken.None).Within();
        var tenant = new Tenant(tenantId, "Race School", TenantStatus.Active, dataKey, indexKey, DateTimeOffset.UtcNow);
        Assert.True(await new MongoTenantRepository(_storage.Context).TryInsertAsync(tenant, CancellationToken.None).Within());
        return tenant;
    }
}

/// <summary>
/// Holds the first call that reaches it for one key id (or subject id) until the test opens it, and
/// tells the test when that call got there. Later calls, and calls for anything else, pass straight through.
/// </summary>
internal sealed class Gate(string key)
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _claimed;

    public Gate(Guid keyId)
        : this(keyId.ToString("N"))
    {
    }

    /// <summary>Completes when a call for the key has reached the gate (and is waiting there, unless it is open).</summary>
    public Task Reached => _reached.Task;

    /// <summary>A gate that only reports the call passing, without holding it.</summary>
    public static Gate Signal(Guid keyId)
    {
        var gate = new Gate(keyId);
        gate.Open();
        return gate;
    }

    public void Open() => _open.TrySetResult();

    public Task PassAsync(Guid keyId) => PassAsync(keyId.ToString("N"));

    public Task PassAsync(string id)
    {
        if (id != key || Interlocked.Exchange(ref _claimed, 1) == 1)
        {
            return Task.CompletedTask;
        }

        _reached.TrySetResult();
        return _open.Task;
    }
}

/// <summary>The real key vault; <see cref="AfterFind"/> holds a read once it has the wrapped key, <see cref="AfterDelete"/> a deletion once done.</summary>
internal sealed class GatedVault(IKeyVault inner) : IKeyVault
{
    public Gate? AfterFind { get; set; }

    public Gate? AfterDelete { get; set; }

    public Task InsertAsync(WrappedKey key, CancellationToken cancellationToken) => inner.InsertAsync(key, cancellationToken);

    public Task<WrappedKey> InsertSubjectKeyAsync(WrappedKey key, CancellationToken cancellationToken) => inner.InsertSubjectKeyAsync(key, cancellationToken);

    public async Task<WrappedKey?> FindAsync(string tenantId, Guid keyId, CancellationToken cancellationToken)
    {
        var found = await inner.FindAsync(tenantId, keyId, cancellationToken).ConfigureAwait(false);
        await (AfterFind?.PassAsync(keyId) ?? Task.CompletedTask).ConfigureAwait(false);
        return found;
    }

    public Task<WrappedKey?> FindSubjectKeyAsync(string tenantId, string subjectId, CancellationToken cancellationToken) =>
        inner.FindSubjectKeyAsync(tenantId, subjectId, cancellationToken);

    public Task<IReadOnlyList<WrappedKey>> ListTenantKeysAsync(string tenantId, CancellationToken cancellationToken) =>
        inner.ListTenantKeysAsync(tenantId, cancellationToken);

    public Task<IReadOnlyList<WrappedKey>> ListWrappedByAsync(string tenantId, Guid tenantKeyId, int limit, CancellationToken cancellationToken) =>
        inner.ListWrappedByAsync(tenantId, tenantKeyId, limit, cancellationToken);

    public Task<bool> TryRewrapAsync(WrappedKey rewrapped, Guid previousWrappedById, CancellationToken cancellationToken) =>
        inner.TryRewrapAsync(rewrapped, previousWrappedById, cancellationToken);

    public async Task<long> DeleteAsync(IReadOnlyCollection<Guid> keyIds, CancellationToken cancellationToken)
    {
        var deleted = await inner.DeleteAsync(keyIds, cancellationToken).ConfigureAwait(false);
        foreach (var keyId in keyIds)
        {
            await (AfterDelete?.PassAsync(keyId) ?? Task.CompletedTask).ConfigureAwait(false);
        }

        return deleted;
    }
}

/// <summary>The real shred ledger; <see cref="AfterFind"/> and <see cref="AfterFindSubject"/> hold a tombstone lookup once it has its answer.</summary>
internal sealed class GatedLedger(IShredLedger inner) : IShredLedger
{
    public Gate? AfterFind { get; set; }

    /// <summary>Keyed by subject id.</summary>
    public Gate? AfterFindSubject { get; set; }

    public Task AppendAsync(ShredRecord record, CancellationToken cancellationToken) => inner.AppendAsync(record, cancellationToken);

    public async Task<ShredRecord?> FindAsync(Guid keyId, CancellationToken cancellationToken)
    {
        var found = await inner.FindAsync(keyId, cancellationToken).ConfigureAwait(false);
        await (AfterFind?.PassAsync(keyId) ?? Task.CompletedTask).ConfigureAwait(false);
        return found;
    }

    public async Task<ShredRecord?> FindSubjectAsync(string tenantId, string subjectId, CancellationToken cancellationToken)
    {
        var found = await inner.FindSubjectAsync(tenantId, subjectId, cancellationToken).ConfigureAwait(false);
        await (AfterFindSubject?.PassAsync(subjectId) ?? Task.CompletedTask).ConfigureAwait(false);
        return found;
    }

    public Task<IReadOnlyList<ShredRecord>> ListTenantAsync(string tenantId, CancellationToken cancellationToken) => inner.ListTenantAsync(tenantId, cancellationToken);

    public IAsyncEnumerable<ShredRecord> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);
}

/// <summary>The real record repository; reports when a shred got as far as removing the subject's blind indexes.</summary>
internal sealed class SignallingRecords(IRecordRepository inner) : IRecordRepository
{
    private readonly TaskCompletionSource _blindIndexesRemoving = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a shred, past its eviction, starts removing blind indexes.</summary>
    public Task BlindIndexesRemoving => _blindIndexesRemoving.Task;

    public Task<bool> TryInsertAsync(string tenantId, StoredRecord record, CancellationToken cancellationToken) =>
        inner.TryInsertAsync(tenantId, record, cancellationToken);

    public Task<bool> TryReplaceAsync(string tenantId, StoredRecord record, long expectedVersion, CancellationToken cancellationToken) =>
        inner.TryReplaceAsync(tenantId, record, expectedVersion, cancellationToken);

    public Task<IReadOnlyList<bool>> TryWriteManyAsync(
        string tenantId, IReadOnlyList<(StoredRecord Record, long ExpectedVersion)> writes, CancellationToken cancellationToken) =>
        inner.TryWriteManyAsync(tenantId, writes, cancellationToken);

    public Task<bool> TryDeleteAsync(string tenantId, string collection, string recordId, long expectedVersion, CancellationToken cancellationToken) =>
        inner.TryDeleteAsync(tenantId, collection, recordId, expectedVersion, cancellationToken);

    public Task<StoredRecord?> FindAsync(string tenantId, string collection, string recordId, CancellationToken cancellationToken) =>
        inner.FindAsync(tenantId, collection, recordId, cancellationToken);

    public Task<IReadOnlyList<StoredRecord>> FindManyAsync(string tenantId, IReadOnlyList<(string Collection, string RecordId)> records, CancellationToken cancellationToken) =>
        inner.FindManyAsync(tenantId, records, cancellationToken);

    public Task<IReadOnlyList<StoredRecord>> ListByDataKeyAsync(string tenantId, Guid dataKeyId, int limit, CancellationToken cancellationToken) =>
        inner.ListByDataKeyAsync(tenantId, dataKeyId, limit, cancellationToken);

    public Task<long> DeleteSubjectRecordsAsync(string tenantId, string subjectId, CancellationToken cancellationToken) =>
        inner.DeleteSubjectRecordsAsync(tenantId, subjectId, cancellationToken);

    public Task<long> DeleteRetainedRecordsAsync(string tenantId, Guid retainedKeyId, CancellationToken cancellationToken) =>
        inner.DeleteRetainedRecordsAsync(tenantId, retainedKeyId, cancellationToken);

    public Task<long> DeleteTenantRecordsAsync(string tenantId, CancellationToken cancellationToken) =>
        inner.DeleteTenantRecordsAsync(tenantId, cancellationToken);

    public Task RemoveBlindIndexesAsync(string tenantId, string subjectId, CancellationToken cancellationToken)
    {
        _blindIndexesRemoving.TrySetResult();
        return inner.RemoveBlindIndexesAsync(tenantId, subjectId, cancellationToken);
    }

    public Task<IReadOnlyList<StoredRecord>> QueryAsync(string tenantId, RecordQuery query, CancellationToken cancellationToken) =>
        inner.QueryAsync(tenantId, query, cancellationToken);
}
