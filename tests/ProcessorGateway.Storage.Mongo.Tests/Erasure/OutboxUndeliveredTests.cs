using ProcessorGateway.Core.Notifications;
using ProcessorGateway.Core.Paging;
using ProcessorGateway.Storage.Mongo.Erasure;
using ProcessorGateway.Storage.Mongo.Notifications;

namespace ProcessorGateway.Storage.Mongo.Tests.Erasure;

/// <summary>The outbox's given-up messages: listed per tenant oldest first from a position, requeued once, and requesters' addresses due for destruction.</summary>
[Collection(ErasureClaimTests.OutboxCollection)]
public sealed class OutboxUndeliveredTests(MongoStorageFixture storage) : IClassFixture<MongoStorageFixture>, IAsyncLifetime
{
    // Months before the other outbox tests' instants, and requeued years after them; and in their collection, since a claim takes any tenant's message.
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Given_up_messages_are_listed_per_tenant_oldest_first_from_a_position_and_requeued_once()
    {
        var outbox = new MongoNotificationOutbox(storage.Context);
        var tenant = $"gu-{Guid.NewGuid():N}"[..20];
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await GiveUpAsync(outbox, tenant, NotificationChannel.Email, Now.AddMinutes(i)));
        }

        await GiveUpAsync(outbox, $"other-{Guid.NewGuid():N}"[..20], NotificationChannel.Email, Now);
        await outbox.EnqueueAsync(new OutboxMessage($"pending-{Guid.NewGuid():N}", tenant, NotificationChannel.Email, "erasure.executed", "s", "b", Now)
        {
            RequestId = "r", NextAttemptAt = Now.AddYears(10),
        },
            CancellationToken.None).Within();

        var first = await outbox.ListGivenUpAsync(tenant, null, 2, CancellationToken.None).Within();
        Assert.Equal(ids.Take(2), first.Select(m => m.MessageId));
        var rest = await outbox.ListGivenUpAsync(tenant, new TimedPosition(first[^1].CreatedAt, first[^1].MessageId), 10, CancellationToken.None).Within();
        Assert.Equal(ids.Skip(2), rest.Select(m => m.MessageId));
        Assert.Equal(4, (await outbox.ListForRequestAsync(tenant, "r", CancellationToken.None).Within()).Count);

        Assert.True(await outbox.RequeueAsync(tenant, ids[0], Now.AddYears(10), CancellationToken.None).Within());
        Assert.False(await outbox.RequeueAsync(tenant, ids[0], Now.AddYears(10), CancellationToken.None).Within());
        Assert.False(await outbox.RequeueAsync("another-tenant", ids[1], Now.AddYears(10), CancellationToken.None).Within());
        var requeued = await outbox.FindAsync(tenant, ids[0], CancellationToken.None).Within();
        Assert.Equal((0, (DateTimeOffset?)null, Now.AddYears(10)), (requeued!.Attempts, requeued.GaveUpAt, requeued.NextAttemptAt));
        Assert.DoesNotContain(ids[0], (await outbox.ListGivenUpAsync(tenant, null, 10, CancellationToken.None).Within()).Select(m => m.MessageId));
    }

    [Fact]
    public async Task A_requesters_address_is_due_for_destruction_after_the_window_or_once_delivered_and_only_until_marked()
    {
        var outbox = new MongoNotificationOutbox(storage.Context);
        var tenant = $"ad-{Guid.NewGuid():N}"[..20];
        var old = await GiveUpAsync(outbox, tenant, NotificationChannel.Requester, Now.AddDays(-30));
        var recent = await GiveUpAsync(outbox, tenant, NotificationChannel.Requester, Now);
        var email = await GiveUpAsync(outbox, tenant, NotificationChannel.Email, Now.AddDays(-30));

        var due = (await outbox.ListAddressesToDestroyAsync(Now.AddDays(-14), 1000, CancellationToken.None).Within()).Select(m => m.MessageId).ToList();
        Assert.Contains(old, due);
        Assert.DoesNotContain(recent, due);
        Assert.DoesNotContain(email, due);

        await outbox.MarkAddressDestroyedAsync(old, Now, CancellationToken.None).Within();
        Assert.DoesNotContain(old, (await outbox.ListAddressesToDestroyAsync(Now.AddDays(-14), 1000, CancellationToken.None).Within()).Select(m => m.MessageId));
    }

    public Task InitializeAsync() => new ErasureIndexInitializer(storage.Context).CreateAllAsync(CancellationToken.None).Within();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Queues a message created at <paramref name="at"/> and gives it up at the same instant.</summary>
    private static async Task<string> GiveUpAsync(MongoNotificationOutbox outbox, string tenant, NotificationChannel channel, DateTimeOffset at)
    {
        var id = $"{Guid.NewGuid():N}:{channel}";
        await outbox.EnqueueAsync(new OutboxMessage(id, tenant, channel, "erasure.executed", "subject", "body", at) { RequestId = "r" }, CancellationToken.None).Within();
        var claimed = await outbox.ClaimAsync(at, "giver", at.AddMinutes(1), CancellationToken.None).Within();
        Assert.NotNull(claimed);
        await outbox.MarkFailedAsync(claimed.MessageId, "giver", 12, null, "SmtpCommandException: mailbox unavailable", at, CancellationToken.None).Within();
        return claimed.MessageId == id ? id : throw new InvalidOperationException($"claimed {claimed.MessageId}, not the message just queued");
    }
}
