using ProcessorGateway.Core.Keys;
using ProcessorGateway.Storage.Mongo.Keys;

namespace ProcessorGateway.Storage.Mongo.Tests.Keys;

public sealed class KeyVaultTests(MongoStorageFixture storage) : IClassFixture<MongoStorageFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 8, 0, 0, 250, TimeSpan.Zero);

    private readonly MongoKeyVault _vault = new(storage.Context);

    [Fact]
    public async Task Insert_then_find_returns_the_wrapped_key()
    {
        var key = Key(NewTenant(), KeyKind.Index, version: 3);
        await _vault.InsertAsync(key, default).Within();

        var found = await _vault.FindAsync(key.TenantId, key.Reference.Id, default).Within();

        Assert.NotNull(found);
        Assert.Equal((key.TenantId, key.Kind, key.Reference, key.CreatedAt), (found.TenantId, found.Kind, found.Reference, found.CreatedAt));
        Assert.Equal(key.Wrapped, found.Wrapped);
    }

    [Fact]
    public async Task Find_with_another_tenant_is_null()
    {
        var key = Key(NewTenant(), KeyKind.Data);
        await _vault.InsertAsync(key, default).Within();

        Assert.Null(await _vault.FindAsync(NewTenant(), key.Reference.Id, default).Within());
    }

    [Fact]
    public async Task Find_of_an_unknown_key_id_is_null()
    {
        Assert.Null(await _vault.FindAsync(NewTenant(), Guid.NewGuid(), default).Within());
    }

    [Fact]
    public async Task Inserting_a_key_id_twice_throws_and_keeps_the_first()
    {
        var key = Key(NewTenant(), KeyKind.Data);
        await _vault.InsertAsync(key, default).Within();

        await Assert.ThrowsAsync<InvalidOperationException>(() => _vault.InsertAsync(key with { Wrapped = [6, 6, 6] }, default).Within());

        Assert.Equal(key.Wrapped, (await _vault.FindAsync(key.TenantId, key.Reference.Id, default).Within())!.Wrapped);
    }

    [Fact]
    public async Task Keys_live_in_the_key_vault_database_not_the_records_database()
    {
        var key = Key(NewTenant(), KeyKind.Data);
        await _vault.InsertAsync(key, default).Within();

        Assert.Equal($"{storage.Database}_kv", storage.Context.KeyCollection.Database.DatabaseNamespace.DatabaseName);
        Assert.Equal(0, await storage.Context.Database.GetCollection<MongoDB.Bson.BsonDocument>(MongoContext.Keys)
            .CountDocumentsAsync(MongoDB.Driver.FilterDefinition<MongoDB.Bson.BsonDocument>.Empty).Within());
    }

    private static string NewTenant() => $"t-{Guid.NewGuid():N}"[..16];

    private static WrappedKey Key(string tenant, KeyKind kind, int version = 1) =>
        new(tenant, kind, new KeyReference(Guid.NewGuid(), version), [.. Enumerable.Range(0, 60).Select(i => (byte)i)], Now);
}
