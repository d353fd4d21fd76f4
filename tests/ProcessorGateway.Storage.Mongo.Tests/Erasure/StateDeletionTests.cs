using ProcessorGateway.Core.Clients;
using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Core.Notifications;
using ProcessorGateway.Core.Subjects;
using ProcessorGateway.Storage.Mongo.Clients;
using ProcessorGateway.Storage.Mongo.Erasure;
using ProcessorGateway.Storage.Mongo.Notifications;
using ProcessorGateway.Storage.Mongo.Subjects;

namespace ProcessorGateway.Storage.Mongo.Tests.Erasure;

/// <summary>
/// The deletes erasure runs besides records: each removes what the census counted for its subject or tenant and nothing
/// of another, and a repeat removes nothing more.
/// </summary>
public sealed class StateDeletionTests(MongoStorageFixture storage) : IClassFixture<MongoStorageFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Deleting_a_subjects_state_removes_what_the_census_counted_and_nothing_of_another_subject()
    {
        var collections = new SubjectCollections(storage.Context);
        var (profiles, consents, preferences) = (new MongoSubjectProfileStore(collections), new MongoConsentStore(collections), new MongoCommunicationPreferenceStore(collections));
        var census = new MongoErasedStateCensus(storage.Context, collections);
        var tenant = NewTenant();
        foreach (var subject in new[] { "subj-gone", "subj-stays" })
        {
            await profiles.UpsertAsync(new SubjectProfile(tenant, subject, Minor: true, Now), None).Within();
            await consents.InsertAsync(new StoredConsent(tenant, subject, $"cns-{subject}", ["administration"], Now, null, null, null, null, null), None).Within();
            await preferences.UpsertAsync(new CommunicationPreference(tenant, subject, "sms", "marketing", Allowed: false, Now), None).Within();
            await preferences.UpsertAsync(new CommunicationPreference(tenant, subject, "email", "events", Allowed: false, Now), None).Within();
        }

        var counted = await census.CountSubjectAsync(tenant, "subj-gone", None).Within();
        var deleted = new[]
        {
            await profiles.DeleteSubjectAsync(tenant, "subj-gone", None).Within(),
            await consents.DeleteSubjectAsync(tenant, "subj-gone", None).Within(),
            await preferences.DeleteSubjectAsync(tenant, "subj-gone", None).Within(),
        };

        Assert.Equal([1L, 1L, 2L], counted.Select(i => i.Count));
        Assert.Equal(counted.Select(i => i.Count), deleted);
        Assert.Equal(ErasedKinds.Subject, counted.Select(i => i.Kind));
        Assert.All(await census.CountSubjectAsync(tenant, "subj-gone", None).Within(), i => Assert.Equal(0, i.Count));
        Assert.Equal(0, await consents.DeleteSubjectAsync(tenant, "subj-gone", None).Within());
        Assert.Equal([1L, 1L, 2L], (await census.CountSubjectAsync(tenant, "subj-stays", None).Within()).Select(i => i.Count));
    }

    [Fact]
    public async Task A_resumed_subject_state_erasure_keeps_the_first_counts_and_one_that_lost_its_lease_changes_nothing()
    {
        var collections = new SubjectCollections(storage.Context);
        var requests = new MongoErasureRequestStore(storage.Context);
        var eraser = new SubjectStateEraser(requests, new MongoErasedStateCensus(storage.Context, collections), new MongoSubjectProfileStore(collections),
            new MongoConsentStore(collections), new MongoCommunicationPreferenceStore(collections));
        var tenant = NewTenant();
        await new MongoSubjectProfileStore(collections).UpsertAsync(new SubjectProfile(tenant, "subj-1", Minor: true, Now), None).Within();
        var request = await requests.InsertOrGetOpenAsync(new ErasureRequest(Guid.NewGuid().ToString("N"), tenant, ErasureScope.Subject, "subj-1",
            ErasureState.Executing, "asked", "client", Now, 1), None).Within();

        Assert.Null(await eraser.EraseAsync(request with { Version = request.Version + 5 }, None).Within());
        Assert.NotNull(await new MongoSubjectProfileStore(collections).FindAsync(tenant, "subj-1", None).Within());

        var first = await eraser.EraseAsync(request, None).Within();
        var resumed = await eraser.EraseAsync(first!, None).Within();

        Assert.Equal(1, first!.AlsoErased!.Single(i => i.Kind == ErasedKinds.SubjectProfiles).Count);
        Assert.Equal(first.AlsoErased, resumed!.AlsoErased);
        Assert.Equal(first.AlsoErased, (await requests.FindAsync(tenant, request.RequestId, None).Within())!.AlsoErased);
        Assert.Null(await new MongoSubjectProfileStore(collections).FindAsync(tenant, "subj-1", None).Within());
    }

    [Fact]
    public async Task Deleting_a_tenants_clients_leaves_other_tenants_and_operator_clients()
    {
        var registry = new MongoClientRegistry(storage.Context);
        var (gone, stays) = (NewTenant(), NewTenant());
        var ids = new[] { (gone, $"{gone}_a"), (gone, $"{gone}_b"), (stays, $"{stays}_a"), ((string?)null, $"op_{Guid.NewGuid():N}"[..20]) };
        foreach (var (tenant, id) in ids)
        {
            Assert.True(await registry.TryInsertAsync(new OAuthClient(id, tenant, "app", ["records.read"], [], [1, 2, 3], Revoked: false, Now, Now), None).Within());
        }

        Assert.Equal(2, await registry.DeleteTenantAsync(gone, None).Within());

        Assert.Empty(await registry.ListAsync(gone, None).Within());
        Assert.Single(await registry.ListAsync(stays, None).Within());
        Assert.NotNull(await registry.FindAsync(ids[3].Item2, None).Within());
        Assert.Equal(0, await registry.DeleteTenantAsync(gone, None).Within());
    }

    [Fact]
    public async Task A_tenants_channels_are_deleted_only_once_its_outbox_has_nothing_left_to_deliver()
    {
        var channels = new MongoNotificationChannelStore(storage.Context);
        var outbox = new MongoNotificationOutbox(storage.Context);
        var tenant = NewTenant();
        await channels.SaveAsync(new TenantChannels(tenant, null, ["dpo@school.test"], null), None).Within();
        var message = new OutboxMessage($"req-{tenant}:email", tenant, NotificationChannel.Email, "erasure.executed", "receipt", "body", Now);
        await outbox.EnqueueAsync(message, None).Within();

        Assert.Null(await channels.DeleteTenantWhenDrainedAsync(tenant, None).Within());
        Assert.NotNull(await channels.FindAsync(tenant, None).Within());

        var claimed = await ClaimAsync(outbox, tenant);
        await outbox.MarkDeliveredAsync(claimed.MessageId, "replica", Now, None).Within();

        Assert.Equal(1, await channels.DeleteTenantWhenDrainedAsync(tenant, None).Within());
        Assert.Null(await channels.FindAsync(tenant, None).Within());
    }

    /// <summary>Claims due messages until it holds the tenant's (other test classes' messages live in other databases).</summary>
    private static async Task<OutboxMessage> ClaimAsync(MongoNotificationOutbox outbox, string tenant)
    {
        for (var i = 0; i < 100; i++)
        {
            var claimed = await outbox.ClaimAsync(Now.AddMinutes(1), "replica", Now.AddMinutes(5), None).Within();
            Assert.NotNull(claimed);
            if (claimed.TenantId == tenant)
            {
                return claimed;
            }
        }

        throw new InvalidOperationException($"the message of {tenant} was never claimed");
    }

    private static string NewTenant() => $"state-{Guid.NewGuid():N}"[..20];
}
