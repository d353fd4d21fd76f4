using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Storage.Mongo.Erasure;

namespace ProcessorGateway.Storage.Mongo.Tests.Erasure;

/// <summary>Requests in parts as MongoDB keeps them: the claim by execute-after time, the overdue queries, and requests stored before parts existed.</summary>
public sealed class ErasurePartsStorageTests(MongoStorageFixture storage) : IClassFixture<MongoStorageFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    private readonly MongoErasureRequestStore _store = new(storage.Context);

    [Fact]
    public async Task A_verified_request_is_claimed_once_a_part_may_execute_not_at_its_deadline()
    {
        var tenant = NewTenant();
        var request = Request(tenant, ErasureState.Verified) with
        {
            Parts =
            [
                new ErasurePart(DataClass.PersonalAccount, ["messages"], ErasureState.Verified) { DueAt = Now.AddDays(5), ExecuteAfter = Now.AddHours(4) },
                new ErasurePart(DataClass.InstitutionManaged, ["grades"], ErasureState.Verified) { DueAt = Now.AddDays(40), ExecuteAfter = Now.AddHours(6) },
            ],
        };
        await _store.InsertOrGetOpenAsync(request, CancellationToken.None).Within();

        Assert.Null(await ClaimAsync(tenant, Now.AddHours(4).AddMilliseconds(-1)));
        var claimed = await ClaimAsync(tenant, Now.AddHours(4));

        Assert.Equal(ErasureState.Executing, claimed?.State);
        Assert.Equal(request.Parts, claimed!.Parts, new PartComparer());
    }

    [Fact]
    public async Task An_unverified_request_is_overdue_past_its_verification_deadline_and_listed_for_notice_until_told()
    {
        var tenant = NewTenant();
        var request = Request(tenant, ErasureState.Received) with
        {
            VerificationDueAt = Now.AddDays(5),
            Parts = [new ErasurePart(DataClass.InstitutionManaged, ["grades"], ErasureState.Received)],
        };
        await _store.InsertOrGetOpenAsync(request, CancellationToken.None).Within();
        var late = Now.AddDays(5).AddMinutes(1);

        Assert.Empty(await _store.ListAsync(tenant, new ErasureFilter(null, Now.AddDays(5), null, null, 10), CancellationToken.None).Within());
        Assert.Single(await _store.ListAsync(tenant, new ErasureFilter(null, late, null, null, 10), CancellationToken.None).Within());
        var notice = Assert.Single(await _store.ListOverdueUnnotifiedAsync(late, 1000, CancellationToken.None).Within(), r => r.TenantId == tenant);

        await _store.TryReplaceAsync(notice with { OverdueNotifiedFor = notice.NextOverdueNotice }, notice.Version, CancellationToken.None).Within();

        Assert.DoesNotContain(await _store.ListOverdueUnnotifiedAsync(late, 1000, CancellationToken.None).Within(), r => r.TenantId == tenant);
        Assert.Single(await _store.ListAsync(tenant, new ErasureFilter(null, late, null, null, 10), CancellationToken.None).Within());
    }

    [Fact]
    public async Task A_request_stored_before_parts_existed_reads_as_one_part_is_listed_by_its_deadline_and_claimed_when_verified()
    {
        var tenant = NewTenant();
        var id = Guid.NewGuid().ToString("N");
        await _store.Collection.Database.GetCollection<BsonDocument>(MongoErasureRequestStore.CollectionName).InsertOneAsync(new BsonDocument
        {
            { "_id", id }, { "t", tenant }, { "sc", (int)ErasureScope.Subject }, { "s", "subj-old" }, { "k", (int)ErasureKind.InstitutionManaged },
            { "st", (int)ErasureState.Verified }, { "r", "asked" }, { "by", "client" }, { "ra", Now.AddDays(-50).UtcDateTime },
            { "va", Now.AddDays(-45).UtcDateTime }, { "da", Now.AddDays(-1).UtcDateTime }, { "bl", new BsonArray() }, { "rel", new BsonArray() },
            { "kid", new BsonArray() }, { "v", 3L }, { "ok", $"{tenant}/1/subj-old" },
        }).Within();

        var found = (await _store.FindAsync(tenant, id, CancellationToken.None).Within())!;
        var part = Assert.Single(found.Parts);
        Assert.Equal((DataClass.InstitutionManaged, ErasureState.Verified, Now.AddDays(-1), (DateTimeOffset?)null), (part.Class, part.State, part.DueAt!.Value, part.ExecuteAfter));
        Assert.Equal((ErasureKind.InstitutionManaged, Now.AddDays(-1)), (found.Kind, found.DueAt!.Value));
        Assert.Single(await _store.ListAsync(tenant, new ErasureFilter(null, Now, null, null, 10), CancellationToken.None).Within());

        var claimed = await ClaimAsync(tenant, Now);
        Assert.Equal((id, ErasureState.Executing), (claimed?.RequestId, claimed?.State));
    }

    public Task InitializeAsync() => new ErasureIndexInitializer(storage.Context).CreateAllAsync(CancellationToken.None).Within();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Claims across tenants (as the job does) until this tenant's request comes up or nothing is due; others' are left claimed.</summary>
    private async Task<ErasureRequest?> ClaimAsync(string tenant, DateTimeOffset now)
    {
        while (await _store.ClaimDueAsync(now, "replica-1", now.AddMinutes(2), CancellationToken.None).Within() is { } claimed)
        {
            if (claimed.TenantId == tenant)
            {
                return claimed;
            }
        }

        return null;
    }

    private static ErasureRequest Request(string tenant, ErasureState state) =>
        new(Guid.NewGuid().ToString("N"), tenant, ErasureScope.Subject, "subj-1", state, "asked", "client", Now, 1);

    private static string NewTenant() => $"parts-{Guid.NewGuid():N}"[..20];

    /// <summary>Parts compare by value, their lists and counts by content.</summary>
    private sealed class PartComparer : IEqualityComparer<ErasurePart>
    {
        public bool Equals(ErasurePart? x, ErasurePart? y) =>
            x is not null && y is not null && (x.Class, x.State, x.DueAt, x.ExecuteAfter, x.ExecutedAt) == (y.Class, y.State, y.DueAt, y.ExecuteAfter, y.ExecutedAt)
            && x.Collections.SequenceEqual(y.Collections);

        public int GetHashCode(ErasurePart obj) => obj.Class.GetHashCode();
    }
}
