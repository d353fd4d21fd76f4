using Grpc.Core;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Support;

namespace ProcessorGateway.Server.Tests.Erasure;

/// <summary>
/// The person who asked is told: the confirmation with the receipt, or the refusal with its reason, reaches
/// the requester's address through a real SMTP server on loopback; the address is never stored readable and
/// its key is destroyed once the message is delivered or finally given up; a request nobody can be told
/// about says so and is counted; a given-up message is shown, listed, counted and can be resent.
/// </summary>
public sealed class RequesterNotificationTests(RequesterGatewayFixture gateway) : IClassFixture<RequesterGatewayFixture>
{
    [Fact]
    public async Task The_requester_receives_the_confirmation_with_the_receipt_and_backup_date_and_no_stored_document_keeps_the_address()
    {
        var world = await ErasureWorld.CreateAsync(gateway);
        var dpo = $"dpo-{Guid.NewGuid():N}@school.test";
        await world.Rights.Erasure.SetNotificationChannelsAsync(new SetNotificationChannelsRequest { TenantId = world.TenantId, EmailRecipients = { dpo } }).Within();
        await world.SeedAsync("told");
        var address = NewAddress();
        var request = await RequestAsync(world, "subj-told", address);
        Assert.True(request.ContactOnFile);
        Assert.True((await world.GetAsync(request.RequestId)).ContactOnFile);
        Assert.True(Assert.Single((await world.Rights.Erasure.ListErasureRequestsAsync(new ListErasureRequestsRequest { TenantId = world.TenantId }).Within())
            .Requests).ContactOnFile);
        Assert.Empty(await RawMongoScan.FindAsync(gateway, RawMongoScan.Encodings(address)));

        var executed = await world.VerifyAndExecuteAsync(request.RequestId);
        Assert.Equal(ErasureState.Executed, executed.State);
        var receipt = await ReceiptVerifier.VerifyAsync(gateway, executed.Receipt);
        var ageOut = DateTimeOffset.Parse((string)receipt["record_backups_age_out_by"]!, System.Globalization.CultureInfo.InvariantCulture);

        var mail = await ErasureWorld.EventuallyAsync(() => MailTo(address), "the confirmation to the requester");
        Assert.Contains(request.RequestId, mail.Subject, StringComparison.Ordinal);
        Assert.Contains(executed.Receipt, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"age out by {ageOut.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("attendance: 1", mail.TextBody, StringComparison.Ordinal);
        await ErasureWorld.EventuallyAsync(() => MailTo(dpo), "the copy to the tenant's recipients");

        var after = await EventuallyAsync(async () => (await world.GetAsync(request.RequestId)) is { ContactOnFile: false } r ? r : null,
            "the requester's address to be destroyed after delivery");
        Assert.Contains(after.Notifications, n => n.Channel == "requester" && n.Status == NotificationStatus.Delivered && n.EventType == "erasure.executed");
        Assert.Contains(after.Notifications, n => n.Channel == "email" && n.Status == NotificationStatus.Delivered);
        Assert.False(after.NobodyToNotify);
        await AssertContactKeyDestroyedAsync(request.RequestId);
        Assert.Empty(await RawMongoScan.FindAsync(gateway, RawMongoScan.Encodings(address)));
    }

    [Fact]
    public async Task A_refusal_reaches_the_requester_with_its_reason()
    {
        var world = await ErasureWorld.CreateAsync(gateway);
        var address = NewAddress();
        var request = await RequestAsync(world, "subj-refused", address);
        const string Reason = "the identity of the requester could not be confirmed";
        var refused = await world.Rights.Erasure.RefuseErasureAsync(new RefuseErasureRequest { TenantId = world.TenantId, RequestId = request.RequestId, Reason = Reason })
            .Within();
        Assert.Equal(ErasureState.Refused, refused.State);

        var mail = await ErasureWorld.EventuallyAsync(() => MailTo(address), "the refusal to the requester");
        Assert.Contains("refused", mail.Subject, StringComparison.Ordinal);
        Assert.Contains($"Reason: {Reason}", mail.TextBody, StringComparison.Ordinal);
        await EventuallyAsync(async () => (await world.GetAsync(request.RequestId)) is { ContactOnFile: false } r ? r : null,
            "the requester's address to be destroyed after delivery");
        await AssertContactKeyDestroyedAsync(request.RequestId);
        Assert.Empty(await RawMongoScan.FindAsync(gateway, RawMongoScan.Encodings(address)));
    }

    [Fact]
    public async Task A_request_nobody_can_be_told_about_says_so_and_is_counted()
    {
        using var probe = new CounterProbe("pg.erasure.nobody_to_notify");
        var world = await ErasureWorld.CreateAsync(gateway);
        var request = await world.RequestAsync("subj-nobody");
        Assert.False(request.ContactOnFile);

        var refused = await world.Rights.Erasure.RefuseErasureAsync(new RefuseErasureRequest
        {
            TenantId = world.TenantId, RequestId = request.RequestId, Reason = "no authority to ask",
        }).Within();

        Assert.True(refused.NobodyToNotify);
        Assert.True((await world.GetAsync(request.RequestId)).NobodyToNotify);
        Assert.Empty((await world.GetAsync(request.RequestId)).Notifications);
        Assert.True(probe.Sum("event=erasure.refused") >= 1, "pg.erasure.nobody_to_notify did not count the refusal");
    }

    [Fact]
    public async Task A_given_up_message_shows_on_the_request_is_listed_and_counted_and_a_resend_delivers_it()
    {
        using var probe = new CounterProbe("pg.notifications.given_up");
        var world = await ErasureWorld.CreateAsync(gateway);
        var dpo = $"dpo-{Guid.NewGuid():N}@school.test";
        gateway.Smtp.Rejected[dpo] = true;
        await world.Rights.Erasure.SetNotificationChannelsAsync(new SetNotificationChannelsRequest { TenantId = world.TenantId, EmailRecipients = { dpo } }).Within();
        var request = await world.RequestAsync("subj-bounce");
        await world.Rights.Erasure.RefuseErasureAsync(new RefuseErasureRequest { TenantId = world.TenantId, RequestId = request.RequestId, Reason = "duplicate" })
            .Within();

        var shown = await EventuallyAsync(async () =>
            (await world.GetAsync(request.RequestId)).Notifications.FirstOrDefault(n => n.Status == NotificationStatus.GaveUp), "the message to be given up");
        Assert.Equal("email", shown.Channel);
        Assert.Equal("erasure.refused", shown.EventType);
        Assert.Equal(2, shown.Attempts);
        Assert.NotNull(shown.GaveUpAt);
        Assert.Equal("SmtpCommandException: mailbox unavailable", shown.LastError);
        Assert.True(probe.Sum("channel=email,event=erasure.refused") >= 1, "pg.notifications.given_up did not count the message");

        var listed = await world.Rights.Erasure.ListUndeliveredNotificationsAsync(new ListUndeliveredNotificationsRequest { TenantId = world.TenantId }).Within();
        var undelivered = Assert.Single(listed.Notifications);
        Assert.Equal(shown.MessageId, undelivered.MessageId);
        Assert.Equal(request.RequestId, undelivered.RequestId);

        gateway.Smtp.Rejected.TryRemove(dpo, out _);
        var resent = await world.Rights.Erasure.ResendNotificationAsync(new ResendNotificationRequest { TenantId = world.TenantId, MessageId = shown.MessageId })
            .Within();
        Assert.Equal(NotificationStatus.Pending, resent.Status);
        Assert.Equal(0, resent.Attempts);
        await ErasureWorld.EventuallyAsync(() => MailTo(dpo), "the resent message");
        await EventuallyAsync(async () =>
            (await world.GetAsync(request.RequestId)).Notifications.FirstOrDefault(n => n.Status == NotificationStatus.Delivered), "the message to be delivered");
        Assert.Empty((await world.Rights.Erasure.ListUndeliveredNotificationsAsync(new ListUndeliveredNotificationsRequest { TenantId = world.TenantId }).Within())
            .Notifications);
    }

    [Fact]
    public async Task A_requester_message_given_up_loses_its_address_after_the_resend_window_and_cannot_be_resent()
    {
        var world = await ErasureWorld.CreateAsync(gateway);
        var address = NewAddress();
        gateway.Smtp.Rejected[address] = true;
        var request = await RequestAsync(world, "subj-gone", address);
        await world.Rights.Erasure.RefuseErasureAsync(new RefuseErasureRequest { TenantId = world.TenantId, RequestId = request.RequestId, Reason = "duplicate" })
            .Within();

        var gaveUp = await EventuallyAsync(async () =>
            (await world.GetAsync(request.RequestId)).Notifications.FirstOrDefault(n => n.Channel == "requester" && n.Status == NotificationStatus.GaveUp),
            "the requester's message to be given up");
        Assert.DoesNotContain(address, gaveUp.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("MailRejectedException: the mail server answered 550", gaveUp.LastError);

        await EventuallyAsync(async () => (await world.GetAsync(request.RequestId)) is { ContactOnFile: false } r ? r : null,
            "the address to be destroyed once the resend window passed");
        await AssertContactKeyDestroyedAsync(request.RequestId);
        var error = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => world.Rights.Erasure.ResendNotificationAsync(new ResendNotificationRequest
        {
            TenantId = world.TenantId, MessageId = gaveUp.MessageId,
        }).ResponseAsync);
        Assert.Contains("address was destroyed", error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(await RawMongoScan.FindAsync(gateway, RawMongoScan.Encodings(address)));
    }

    [Fact]
    public async Task A_contact_address_that_is_not_an_e_mail_address_is_refused_naming_the_field_and_nothing_is_stored()
    {
        var world = await ErasureWorld.CreateAsync(gateway);
        var raw = new RawStore(gateway);
        var before = await raw.SnapshotAsync(world.TenantId);
        var requests = await gateway.MongoDatabase.GetCollection<BsonDocument>("erasure_requests").CountDocumentsAsync(new BsonDocument("t", world.TenantId));

        var error = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => world.Rights.Erasure.RequestErasureAsync(new RequestErasureRequest
        {
            TenantId = world.TenantId, Scope = ErasureScope.Subject, SubjectId = "subj-bad", Kind = ErasureKind.PersonalAccount, Reason = "asked",
            ContactAddress = "pat@home.test, boss@else.test",
        }).ResponseAsync);

        Assert.Contains("contact_address", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await raw.SnapshotAsync(world.TenantId));
        Assert.Equal(requests, await gateway.MongoDatabase.GetCollection<BsonDocument>("erasure_requests").CountDocumentsAsync(new BsonDocument("t", world.TenantId)));
    }

    [Fact]
    public async Task An_address_given_with_a_second_request_for_an_open_target_is_destroyed_at_once_and_the_first_request_stands()
    {
        var world = await ErasureWorld.CreateAsync(gateway);
        var first = await world.RequestAsync("subj-twice");
        var address = NewAddress();

        var second = await RequestAsync(world, "subj-twice", address);

        Assert.Equal(first.RequestId, second.RequestId);
        Assert.False((await world.GetAsync(first.RequestId)).ContactOnFile);
        var ledger = new MongoClient(ProcessorGateway.Testing.TestServers.MongoConnectionString).GetDatabase(gateway.LedgerDatabase);
        var tombstones = await ledger.GetCollection<BsonDocument>("shred_ledger").Find(new BsonDocument("t", world.TenantId)).ToListAsync();
        Assert.Contains(tombstones, t => t.ToJson().Contains("an open erasure request for the same target already existed", StringComparison.Ordinal));
        Assert.Equal(0, await new RawStore(gateway).Keys.CountDocumentsAsync(new BsonDocument { { "t", world.TenantId }, { "kind", 5 } }));
        Assert.Empty(await RawMongoScan.FindAsync(gateway, RawMongoScan.Encodings(address)));
    }

    [Fact]
    public async Task Offboarding_a_tenant_destroys_its_requesters_addresses_with_its_keys_and_nothing_fails()
    {
        var world = await ErasureWorld.CreateAsync(gateway);
        await world.SeedAsync("offboarded");
        var address = NewAddress();
        var request = await world.Operator.Erasure.RequestErasureAsync(new RequestErasureRequest
        {
            TenantId = world.TenantId, Scope = ErasureScope.Tenant, Kind = ErasureKind.InstitutionManaged, Reason = "the school left", ContactAddress = address,
        }).Within();
        Assert.True((await world.Operator.Erasure.GetErasureRequestAsync(new GetErasureRequestRequest { TenantId = world.TenantId, RequestId = request.RequestId })
            .Within()).ContactOnFile);

        var approver = await SecondOperator.ForAsync(gateway);
        await approver.Clients.Erasure.VerifyErasureAsync(new VerifyErasureRequest { TenantId = world.TenantId, RequestId = request.RequestId, Note = "operator checked the offboarding order" }).Within();
        var executed = await world.Operator.Erasure.ExecuteErasureAsync(new ExecuteErasureRequest { TenantId = world.TenantId, RequestId = request.RequestId })
            .Within();

        Assert.Equal(ErasureState.Executed, executed.State);
        Assert.True(executed.NobodyToNotify);
        await AssertContactKeyDestroyedAsync(request.RequestId);
        var outbox = gateway.MongoDatabase.GetCollection<BsonDocument>("notification_outbox");
        Assert.Equal(0, await outbox.CountDocumentsAsync(new BsonDocument { { "t", world.TenantId }, { "ch", 3 } }));
        Assert.Empty(await RawMongoScan.FindAsync(gateway, RawMongoScan.Encodings(address)));
    }

    private static string NewAddress() => $"pat.{Guid.NewGuid():N}@home.test";

    private static Task<ErasureRequest> RequestAsync(ErasureWorld world, string subjectId, string address) =>
        world.Rights.Erasure.RequestErasureAsync(new RequestErasureRequest
        {
            TenantId = world.TenantId, Scope = ErasureScope.Subject, SubjectId = subjectId, Kind = ErasureKind.PersonalAccount,
            Reason = "the account holder asked to be forgotten", ContactAddress = address,
        }).Within();

    private MimeKit.MimeMessage? MailTo(string address) => gateway.Smtp.Messages.FirstOrDefault(m => m.To.Mailboxes.Any(b => b.Address == address));

    /// <summary>The contact key is gone from the vault and tombstoned in the ledger, so a restored vault backup cannot bring it back.</summary>
    private async Task AssertContactKeyDestroyedAsync(string requestId)
    {
        var stored = await gateway.MongoDatabase.GetCollection<BsonDocument>("erasure_requests").Find(new BsonDocument("_id", requestId)).SingleAsync();
        var keyId = new BsonDocument("_id", stored["ck"].AsString);
        Assert.Equal(0, await new RawStore(gateway).Keys.CountDocumentsAsync(keyId));
        var ledger = new MongoClient(ProcessorGateway.Testing.TestServers.MongoConnectionString).GetDatabase(gateway.LedgerDatabase);
        Assert.Equal(1, await ledger.GetCollection<BsonDocument>("shred_ledger").CountDocumentsAsync(keyId));
    }

    /// <summary>Polls an RPC until it gives something (60 s: background jobs on a shared machine).</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(200);
        }
    }
}
