using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Core.Notifications;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Storage.Mongo.Erasure;
using ProcessorGateway.Storage.Mongo.Notifications;

namespace ProcessorGateway.Storage.Mongo.Tests.Erasure;

/// <summary>Claims as several replicas make them at once: one due request, one outbox message, exactly one winner each.</summary>
[Collection(OutboxCollection)]
public sealed class ErasureClaimTests(MongoStorageFixture storage) : IClassFixture<MongoStorageFixture>, IAsyncLifetime
{
    /// <summary>Outbox claims take any tenant's due message: the classes that claim run one after the other.</summary>
    public const string OutboxCollection = "outbox claims";

    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Sixteen_replicas_claiming_one_due_request_at_once_give_it_to_exactly_one()
    {
        var store = new MongoErasureRequestStore(storage.Context);
        var tenant = $"claim-{Guid.NewGuid():N}"[..20];
        var request = new ErasureRequest(Guid.NewGuid().ToString("N"), tenant, ErasureScope.Subject, "subj-1",
            ErasureState.Verified, "asked", "client", Now.AddDays(-10), 1)
        {
            Parts = [new ErasurePart(DataClass.PersonalAccount, ["attendance"], ErasureState.Verified) { DueAt = Now.AddDays(1), ExecuteAfter = Now.AddDays(-1) }],
        };
        await store.InsertOrGetOpenAsync(request, CancellationToken.None).Within();

        var claims = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            store.ClaimAsync(tenant, request.RequestId, Now, $"replica-{i}", Now.AddMinutes(2), CancellationToken.None))).Within();

        var winner = Assert.Single(claims, c => c is not null)!;
        Assert.Equal(ErasureState.Executing, winner.State);

        // Its lease holds until it lapses; then another replica takes the execution over.
        Assert.Null(await store.ClaimDueAsync(Now.AddMinutes(1), "replica-x", Now.AddMinutes(3), CancellationToken.None).Within());
        var resumed = await store.ClaimDueAsync(Now.AddMinutes(3), "replica-y", Now.AddMinutes(5), CancellationToken.None).Within();
        Assert.Equal((request.RequestId, "replica-y"), (resumed?.RequestId, resumed?.LeaseOwner));

        // The first replica's late write loses: its version is stale.
        Assert.Null(await store.TryReplaceAsync(winner with { State = ErasureState.Executed }, winner.Version, CancellationToken.None).Within());
    }

    [Fact]
    public async Task A_second_open_request_for_the_same_subject_returns_the_first()
    {
        var store = new MongoErasureRequestStore(storage.Context);
        var tenant = $"open-{Guid.NewGuid():N}"[..20];
        ErasureRequest New() => new(Guid.NewGuid().ToString("N"), tenant, ErasureScope.Subject, "subj-2", ErasureState.Received, "asked", "client", Now, 1);

        var first = await store.InsertOrGetOpenAsync(New(), CancellationToken.None).Within();
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.InsertOrGetOpenAsync(New(), CancellationToken.None))).Within();

        Assert.All(results, r => Assert.Equal(first.RequestId, r.RequestId));
    }

    [Fact]
    public async Task An_outbox_message_is_claimed_by_one_replica_and_retried_only_when_due()
    {
        var outbox = new MongoNotificationOutbox(storage.Context);
        var id = $"msg-{Guid.NewGuid():N}";
        var message = new OutboxMessage(id, "tenant-x", NotificationChannel.Webhook, "erasure.executed", "subject", "{}", Now);
        await outbox.EnqueueAsync(message, CancellationToken.None).Within();
        await outbox.EnqueueAsync(message, CancellationToken.None).Within();

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            outbox.ClaimAsync(Now, $"replica-{i}", Now.AddMinutes(1), CancellationToken.None))).Within();
        var winner = Assert.Single(claims, c => c?.MessageId == id)!;
        var owner = $"replica-{Array.IndexOf(claims, winner)}";

        await outbox.MarkFailedAsync(id, owner, 1, Now.AddSeconds(10), "HttpRequestException: 503", Now, CancellationToken.None).Within();
        Assert.DoesNotContain(await ClaimAllAsync(outbox, Now.AddSeconds(5)), m => m.MessageId == id);
        var retried = Assert.Single(await ClaimAllAsync(outbox, Now.AddSeconds(11)), m => m.MessageId == id);
        Assert.Equal(1, retried.Attempts);
    }

    public Task InitializeAsync() => new ErasureIndexInitializer(storage.Context).CreateAllAsync(CancellationToken.None).Within();

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<List<OutboxMessage>> ClaimAllAsync(MongoNotificationOutbox outbox, DateTimeOffset at)
    {
        var claimed = new List<OutboxMessage>();
        while (await outbox.ClaimAsync(at, "sweeper", at.AddMinutes(1), CancellationToken.None).Within() is { } message)
        {
            claimed.Add(message);
        }

        return claimed;
    }
}
