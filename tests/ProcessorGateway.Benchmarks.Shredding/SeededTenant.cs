using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Core.Crypto;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Tenants;
using ProcessorGateway.Storage.Mongo;

namespace ProcessorGateway.Benchmarks.Shredding;

/// <summary>
/// A tenant with its keys and records, held in memory as the documents the gateway stores, so that every
/// iteration starts from exactly the same state: <see cref="RestoreAsync"/> puts it back after a shred
/// (as a restore from backup would, tombstones aside) or after a delete.
/// </summary>
/// <remarks>
/// The tenant is created as the gateway creates one (keys through <see cref="TenantKeyring"/>, the tenant
/// through its repository). Subject keys and records are real codec output (<see cref="KeyWrap"/>,
/// <see cref="FieldCipher"/>, <see cref="BlindIndex"/>) in the documents the Storage.Mongo adapters write,
/// loaded in bulk: the development server makes each write cost time in proportion to the documents
/// already in its collection (docs/dev-mongo.md), so 50,000 single inserts would take hours there.
/// </remarks>
internal sealed class SeededTenant
{
    /// <summary>
    /// Documents per InsertMany. On the development server 50,000 records took about 100 s in batches of
    /// 5,000 and about 35 s in batches of 25,000 (each command's cost grows faster than its size); on a
    /// real server the driver splits a batch into messages of at most 48 MB either way.
    /// </summary>
    private const int BatchSize = 25_000;

    private readonly GatewayServices _gateway;
    private readonly List<BsonDocument> _keys;
    private readonly List<BsonDocument> _records;
    private readonly FilterDefinition<BsonDocument> _byTenant;

    private SeededTenant(GatewayServices gateway, Tenant tenant, List<BsonDocument> keys, List<BsonDocument> records)
    {
        _gateway = gateway;
        Tenant = tenant;
        _keys = keys;
        _records = records;
        _byTenant = Builders<BsonDocument>.Filter.Eq("t", tenant.TenantId);
    }

    public Tenant Tenant { get; }

    public int Records => _records.Count;

    /// <summary>Every key of the tenant: one per data subject, the data key and the index key.</summary>
    public int Keys => _keys.Count;

    private IMongoCollection<BsonDocument> RecordCollection => _gateway.Context.Database.GetCollection<BsonDocument>(MongoContext.Records);

    private IMongoCollection<BsonDocument> KeyCollection => _gateway.Context.KeyVaultDatabase.GetCollection<BsonDocument>(MongoContext.Keys);

    private IMongoCollection<BsonDocument> LedgerCollection => _gateway.Context.LedgerDatabase.GetCollection<BsonDocument>(MongoContext.ShredLedger);

    /// <summary>Creates the tenant and its keys in the gateway's databases, and its records in memory (<see cref="RestoreAsync"/> writes them).</summary>
    public static async Task<SeededTenant> CreateAsync(GatewayServices gateway, string tenantId, int records, int subjects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var keyring = gateway.Keyring;
        var dataKey = await keyring.CreateKeyAsync(tenantId, KeyKind.Data, cancellationToken).ConfigureAwait(false);
        var indexKey = await keyring.CreateKeyAsync(tenantId, KeyKind.Index, cancellationToken).ConfigureAwait(false);
        var tenant = new Tenant(tenantId, "Benchmark school", TenantStatus.Active, dataKey, indexKey, DateTimeOffset.UtcNow);
        if (!await gateway.Tenants.TryInsertAsync(tenant, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"tenant '{tenantId}' exists already: the benchmark's databases are not fresh");
        }

        var tenantKey = await keyring.GetDataKeyAsync(tenant, cancellationToken).ConfigureAwait(false);
        var blindIndexKey = await keyring.GetIndexKeyAsync(tenant, cancellationToken).ConfigureAwait(false);
        var now = DateTime.UtcNow;
        var subjectKeys = Enumerable.Range(0, subjects)
            .Select(s => KeyMaterial.Generate(tenantId, KeyKind.Subject, new KeyReference(Guid.NewGuid(), 1), StudentRecords.SubjectId(s)))
            .ToList();
        try
        {
            var seeded = new SeededTenant(gateway, tenant, [],
                Enumerable.Range(0, records).Select(i => RecordDocument(tenantId, i, subjectKeys[i % subjects], blindIndexKey, now)).ToList());
            await InsertInBatchesAsync(seeded.KeyCollection, subjectKeys.Select(k => SubjectKeyDocument(tenantKey, k, now)).ToList(), cancellationToken)
                .ConfigureAwait(false);

            // The whole key set as the vault holds it, the tenant keys the keyring wrote included.
            seeded._keys.AddRange(await seeded.KeyCollection.Find(seeded._byTenant).ToListAsync(cancellationToken).ConfigureAwait(false));
            return seeded;
        }
        finally
        {
            subjectKeys.ForEach(k => k.Dispose());
        }
    }

    /// <summary>
    /// Back to the seeded state: no tombstones, every key in the vault, the tenant active, every record
    /// stored (written again only when they are not all there, i.e. first and after a delete); then checked.
    /// </summary>
    public async Task RestoreAsync(CancellationToken cancellationToken)
    {
        // The ledger is append-only in the gateway; this is a scratch database. A leftover tombstone would
        // make the keyring refuse the restored keys, and leftovers would make the next shred's appends dearer.
        await LedgerCollection.DeleteManyAsync(_byTenant, cancellationToken).ConfigureAwait(false);
        await KeyCollection.DeleteManyAsync(_byTenant, cancellationToken).ConfigureAwait(false);
        await KeyCollection.InsertManyAsync(_keys, cancellationToken: cancellationToken).ConfigureAwait(false);
        await _gateway.Tenants.SetStatusAsync(Tenant.TenantId, TenantStatus.Active, cancellationToken).ConfigureAwait(false);
        if (await RecordCollection.CountDocumentsAsync(_byTenant, cancellationToken: cancellationToken).ConfigureAwait(false) != _records.Count)
        {
            await RecordCollection.DeleteManyAsync(_byTenant, cancellationToken).ConfigureAwait(false);
            await InsertInBatchesAsync(RecordCollection, _records, cancellationToken).ConfigureAwait(false);
        }

        await VerifyAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes everything of the tenant, so the development server (which keeps all in memory) lets it go.</summary>
    public async Task RemoveAsync(CancellationToken cancellationToken)
    {
        await RecordCollection.DeleteManyAsync(_byTenant, cancellationToken).ConfigureAwait(false);
        await KeyCollection.DeleteManyAsync(_byTenant, cancellationToken).ConfigureAwait(false);
        await LedgerCollection.DeleteManyAsync(_byTenant, cancellationToken).ConfigureAwait(false);
        await _gateway.Context.Database.GetCollection<BsonDocument>(MongoContext.Tenants)
            .DeleteOneAsync(Builders<BsonDocument>.Filter.Eq("_id", Tenant.TenantId), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The stored documents must be what the gateway itself reads: a record and its subject key, loaded
    /// through the adapters and the keyring, decrypt; and everything seeded is there.
    /// </summary>
    private async Task VerifyAsync(CancellationToken cancellationToken)
    {
        var stored = await _gateway.Records.FindAsync(Tenant.TenantId, StudentRecords.Collection, StudentRecords.RecordId(0), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("a seeded record is not found through the record repository");
        var subjectKey = await _gateway.Keyring.GetAsync(Tenant.TenantId, KeyKind.Subject,
            stored.SubjectKey ?? throw new InvalidOperationException("a seeded record names no subject key"), cancellationToken).ConfigureAwait(false);
        var (field, expected, _) = StudentRecords.PersonalFields(0).First();
        var actual = FieldCipher.DecryptValue(subjectKey, stored.Encrypted[field],
            new FieldContext(Tenant.TenantId, StudentRecords.Collection, stored.RecordId, field, stored.SchemaVersion));
        if (!actual.Equals(expected))
        {
            throw new InvalidOperationException("a seeded field does not decrypt to what was encrypted");
        }

        var tenant = await _gateway.Tenants.FindAsync(Tenant.TenantId, cancellationToken).ConfigureAwait(false);
        var records = await RecordCollection.CountDocumentsAsync(_byTenant, cancellationToken: cancellationToken).ConfigureAwait(false);
        var keys = await KeyCollection.CountDocumentsAsync(_byTenant, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (tenant?.Status != TenantStatus.Active || records != _records.Count || keys != _keys.Count)
        {
            throw new InvalidOperationException(
                $"the tenant is {tenant?.Status} with {records} records and {keys} keys, not active with {_records.Count} and {_keys.Count}");
        }
    }

    private static async Task InsertInBatchesAsync(IMongoCollection<BsonDocument> collection, List<BsonDocument> documents, CancellationToken cancellationToken)
    {
        for (var start = 0; start < documents.Count; start += BatchSize)
        {
            await collection.InsertManyAsync(documents.GetRange(start, Math.Min(BatchSize, documents.Count - start)), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <summary>A subject key as <c>MongoKeyVault</c> stores it (<c>KeyDocument</c>): wrapped by the tenant data key.</summary>
    private static BsonDocument SubjectKeyDocument(KeyMaterial tenantKey, KeyMaterial subjectKey, DateTime now) => new()
    {
        { "_id", subjectKey.Reference.Id.ToString("N") },
        { "t", subjectKey.TenantId },
        { "kind", (int)KeyKind.Subject },
        { "v", subjectKey.Reference.Version },
        { "w", new BsonBinaryData(KeyWrap.Wrap(tenantKey, subjectKey, subjectKey.SubjectId!)) },
        { "s", subjectKey.SubjectId },
        { "wrappedBy", tenantKey.Reference.Id.ToString("N") },
        { "wrappedByVersion", tenantKey.Reference.Version },
        { "createdAt", now },
    };

    /// <summary>A record as <c>MongoRecordRepository</c> stores it (<c>RecordDocument</c>), personal fields under the subject's key.</summary>
    private static BsonDocument RecordDocument(string tenantId, int index, KeyMaterial subjectKey, KeyMaterial blindIndexKey, DateTime now)
    {
        var recordId = StudentRecords.RecordId(index);
        var encrypted = new BsonDocument();
        var tokens = new BsonArray();
        foreach (var (field, value, searchable) in StudentRecords.PersonalFields(index))
        {
            var context = new FieldContext(tenantId, StudentRecords.Collection, recordId, field, StudentRecords.SchemaVersion);
            encrypted.Add(field, new BsonBinaryData(FieldCipher.Encrypt(subjectKey, value, context)));
            if (searchable)
            {
                tokens.AddRange(BlindIndex.Tokens(blindIndexKey, StudentRecords.Collection, field, value).Select(t => new BsonBinaryData(t)));
            }
        }

        return new BsonDocument
        {
            { "_id", $"{tenantId}/{StudentRecords.Collection}/{recordId}" },
            { "t", tenantId },
            { "c", StudentRecords.Collection },
            { "r", recordId },
            { "s", subjectKey.SubjectId },
            { "v", 1L },
            { "sv", StudentRecords.SchemaVersion },
            { "p", StudentRecords.PlainFields(index) },
            { "e", encrypted },
            { "bi", tokens },
            { "sk", subjectKey.Reference.Id.ToString("N") },
            { "skv", subjectKey.Reference.Version },
            { "ca", now },
            { "ua", now },
        };
    }
}
