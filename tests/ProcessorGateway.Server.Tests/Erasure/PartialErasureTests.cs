using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Shredding;
using ProcessorGateway.Server.Tests.Subjects;
using ProcessorGateway.Server.Tests.Support;

namespace ProcessorGateway.Server.Tests.Erasure;

/// <summary>
/// Partial erasure: records under a legal hold or a retention rule are moved under a retained key of their
/// own and stay readable (and say so); the rest of the subject is erased and purged. The erasure clock
/// stands still at Friday 4 December 2026, 10:00 UTC.
/// </summary>
public sealed class PartialErasureTests(ErasureGatewayFixture gateway) : IClassFixture<ErasureGatewayFixture>
{
    private const string HoldReason = "litigation hold, case 2026-17";

    [Fact]
    public async Task A_legal_hold_keeps_the_held_records_readable_while_the_rest_of_the_subject_is_erased_and_purged()
    {
        var world = await ErasureWorld.CreateAsync(gateway, "attendance", "students", "fees");
        var held = await SeedHeldAttendanceAsync(world, "held");
        var fee = await world.SeedFeeAsync("held", new DateTimeOffset(2015, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var hold = await world.HoldAsync("subj-held", "attendance", HoldReason);

        var request = await world.RequestAsync("subj-held");
        Assert.Equal(ErasureState.Received, request.State);
        Assert.Equal(held, Assert.Single(request.BlockedRecords).RecordId);

        var executed = await world.VerifyAndExecuteAsync(request.RequestId);

        // The request is executed, not refused, and names what it kept and why.
        Assert.Equal(ErasureState.Executed, executed.State);
        Assert.Empty(executed.RefusalReason);
        var kept = Assert.Single(executed.BlockedRecords);
        Assert.Equal(("attendance", held, HoldReason), (kept.Collection, kept.RecordId, kept.Reason));
        Assert.Contains(hold.HoldId, kept.HeldBy, StringComparison.Ordinal);
        var receipt = await ReceiptVerifier.VerifyAsync(gateway, executed.Receipt);
        Assert.Equal(1, (long)receipt["records"]!["fees"]!);
        Assert.Null(receipt["records"]!["attendance"]);
        var keptClaim = Assert.Single(receipt["kept"]!.AsArray())!;
        Assert.Equal((held, HoldReason), ((string?)keptClaim["record_id"], (string?)keptClaim["reason"]));
        var retainedKeyId = (string)receipt["retained_key_id"]!;
        Assert.DoesNotContain(retainedKeyId, receipt["key_ids"]!.AsArray().Select(k => (string?)k));

        // The held record reads back decrypted and says why it is kept; the rest is gone.
        var record = await world.ReadAsync("attendance", held);
        Assert.Equal("dentist", record.Fields["absence_reason"].StringValue);
        Assert.Equal(request.RequestId, record.Kept.ErasureRequestId);
        Assert.Contains(hold.HoldId, Assert.Single(record.Kept.Grounds).HeldBy, StringComparison.Ordinal);
        await world.AssertErasedAsync(fee, "fees");

        // It is read-only: a write would put it back under the destroyed subject key.
        var update = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => world.Operator.Records.UpdateRecordAsync(new UpdateRecordRequest
        {
            TenantId = world.TenantId, Collection = "attendance", RecordId = held, Purpose = "attendance", ExpectedVersion = record.Version,
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "status" } }, Fields = { ["status"] = new Value { StringValue = "absent" } },
        }).ResponseAsync);
        Assert.Contains("kept", update.Status.Detail, StringComparison.Ordinal);
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => world.Operator.Records.DeleteRecordAsync(new DeleteRecordRequest
        {
            TenantId = world.TenantId, Collection = "attendance", RecordId = held, Purpose = "attendance",
        }).ResponseAsync);

        // The subject's export: the kept record in full with why, the erased one by name.
        var export = await ExportResult.Within(world.Rights.SubjectRights.ExportSubject(
            new ExportSubjectRequest { TenantId = world.TenantId, SubjectId = "subj-held", Purpose = "attendance" }));
        var keptLine = Assert.Single(export.OfType("record"));
        Assert.Equal(request.RequestId, keptLine.GetProperty("kept").GetProperty("erasure_request_id").GetString());
        Assert.Equal(fee, Assert.Single(export.OfType("record_erased")).GetProperty("record_id").GetString());

        // Stored: the kept record names its retained key, not the subject key; the purge leaves it.
        var records = gateway.MongoDatabase.GetCollection<BsonDocument>("records");
        var raw = await records.Find(new BsonDocument { { "t", world.TenantId }, { "r", held } }).SingleAsync();
        Assert.Equal(retainedKeyId, raw["rk"].AsString);
        Assert.False(raw.Contains("sk"));
        await gateway.Services.GetRequiredService<PurgeService>().PurgeAsync(TimeSpan.Zero, CancellationToken.None);
        Assert.Equal(1, await records.CountDocumentsAsync(new BsonDocument { { "t", world.TenantId }, { "s", "subj-held" } }));
        Assert.Equal("dentist", (await world.ReadAsync("attendance", held)).Fields["absence_reason"].StringValue);
    }

    [Fact]
    public async Task A_retention_rule_keeps_fee_records_for_their_period_and_erases_those_past_it()
    {
        var world = await ErasureWorld.CreateAsync(gateway, "attendance", "students", "fees");
        var recent = await world.SeedFeeAsync("fees", new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var old = await world.SeedFeeAsync("fees", new DateTimeOffset(2015, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var attendance = await world.SeedAsync("fees");
        await world.Rights.Erasure.SetRetentionRuleAsync(new SetRetentionRuleRequest
        {
            TenantId = world.TenantId, Collection = "fees", RetentionYears = 7, DateField = "due_date", Reason = "fee records are kept 7 years (tax law)",
        }).Within();

        var executed = await world.VerifyAndExecuteAsync((await world.RequestAsync("subj-fees")).RequestId);

        Assert.Equal(ErasureState.Executed, executed.State);
        var kept = Assert.Single(executed.BlockedRecords);
        Assert.Equal(recent, kept.RecordId);
        Assert.Equal(new DateTimeOffset(2032, 6, 1, 0, 0, 0, TimeSpan.Zero), kept.RetainedUntil.ToDateTimeOffset());
        var receipt = await ReceiptVerifier.VerifyAsync(gateway, executed.Receipt);
        Assert.Equal((1L, 1L), ((long)receipt["records"]!["fees"]!, (long)receipt["records"]!["attendance"]!));
        Assert.Equal("2032-06-01T00:00:00.000Z", (string?)Assert.Single(receipt["kept"]!.AsArray())!["retained_until"]);

        var fee = await world.ReadAsync("fees", recent);
        Assert.Equal(("Pat Payer", 12_500L), (fee.Fields["payer_name"].StringValue, fee.Fields["amount_minor_units"].Int64Value));
        Assert.Equal(new DateTimeOffset(2032, 6, 1, 0, 0, 0, TimeSpan.Zero), Assert.Single(fee.Kept.Grounds).RetainedUntil.ToDateTimeOffset());
        await world.AssertErasedAsync(old, "fees");
        await world.AssertErasedAsync(attendance);
    }

    [Fact]
    public async Task An_erasure_that_crashed_between_moving_the_kept_records_and_the_shred_resumes_and_keeps_them()
    {
        var world = await ErasureWorld.CreateAsync(gateway, "attendance", "students", "fees");
        var held = await SeedHeldAttendanceAsync(world, "crash");
        var fee = await world.SeedFeeAsync("crash", new DateTimeOffset(2015, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await world.HoldAsync("subj-crash", "attendance", HoldReason);
        var request = await world.RequestAsync("subj-crash");

        // The crashed replica had started every part, planned the execution (stored), moved the held record, and died before the shred.
        await world.VerifyAsync(request.RequestId);
        var store = gateway.Services.GetRequiredService<Core.Erasure.IErasureRequestStore>();
        var found = (await store.FindAsync(world.TenantId, request.RequestId, CancellationToken.None))!;
        var planned = (await store.TryReplaceAsync(found with
        {
            State = Core.Erasure.ErasureState.Executing, LeaseOwner = "crashed-replica", LeaseUntil = gateway.Clock.GetUtcNow().AddHours(1),
            Parts = found.Parts.Select(p => p with { State = Core.Erasure.ErasureState.Executing }).ToList(),
            RecordCounts = new Dictionary<string, long> { ["fees"] = 1 }, RetainedKeyId = Guid.NewGuid(),
        }, found.Version, CancellationToken.None))!;
        var retainer = gateway.Services.GetRequiredService<Core.Erasure.RecordRetainer>();
        Assert.Equal(1, await retainer.KeepAsync(planned, CancellationToken.None));
        Assert.Equal(0, await retainer.KeepAsync(planned, CancellationToken.None));

        // Its lease lapses; the job resumes from the stored plan.
        Assert.NotNull(await store.TryReplaceAsync(planned with { LeaseUntil = gateway.Clock.GetUtcNow().AddMinutes(-1) }, planned.Version, CancellationToken.None));
        var executed = await world.WaitForStateAsync(request.RequestId, ErasureState.Executed);

        var receipt = await ReceiptVerifier.VerifyAsync(gateway, executed.Receipt);
        Assert.Equal(planned.RetainedKeyId!.Value.ToString("N"), (string?)receipt["retained_key_id"]);
        Assert.Equal("dentist", (await world.ReadAsync("attendance", held)).Fields["absence_reason"].StringValue);
        await world.AssertErasedAsync(fee, "fees");
    }

    /// <summary>An attendance row about the subject with an encrypted absence reason ("dentist").</summary>
    internal static async Task<string> SeedHeldAttendanceAsync(ErasureWorld world, string studentId)
    {
        var id = $"att-{Guid.NewGuid():N}"[..20];
        var put = Records.StudentRecords.Attendance(world.TenantId, id, studentId, "absent");
        put.Fields["absence_reason"] = new Value { StringValue = "dentist" };
        await world.Operator.Records.PutRecordAsync(put).Within();
        return id;
    }
}
