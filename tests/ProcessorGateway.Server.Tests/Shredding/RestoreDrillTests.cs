using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Shredding;

/// <summary>
/// The restore drill (issue 4), in one process: back up the records and key-vault databases, erase a
/// subject of tenant A and offboard tenant B, then restore the backups as an SRE would. The restored
/// wrapped keys must never serve data again: not before reconciling (the loader checks the ledger
/// before caching a key), not after ReconcileShredLedger (which deletes them again), and not on a
/// gateway started afresh on the restored databases (which reconciles at start-up).
/// </summary>
public sealed class RestoreDrillTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private readonly GrpcTestClients _clients = new(gateway.Channel);
    private readonly ShredStore _store = new(gateway);

    [Fact]
    public async Task Restored_keys_of_erased_data_serve_nothing_before_reconciling_and_reconciling_deletes_them_again()
    {
        var drill = await ShredThenRestoreAsync();
        var restored = await _store.KeysWithIdsAsync(drill.DestroyedKeyIds);
        Assert.True(restored.Count == drill.DestroyedKeyIds.Count,
            $"the restore should have brought back every destroyed wrapped key ({drill.DestroyedKeyIds.Count}), found {restored.Count}");

        // (a) Not reconciled yet: the wrapped keys are back in the vault, and still nothing is served.
        await AssertErasedDataUnreadableAsync(drill, _clients, "before reconciling, with the wrapped keys restored: the loader checks the ledger before caching a key");
        var cache = gateway.Services.GetRequiredService<UnwrappedKeyCache>();
        var cached = drill.Erasure.KeyIds.Where(id => cache.TryGet(drill.TenantA, Guid.ParseExact(id, "N"), out _))
            .Concat(drill.Offboarding.KeyIds.Where(id => cache.TryGet(drill.TenantB, Guid.ParseExact(id, "N"), out _))).ToList();
        Assert.True(cached.Count == 0,
            $"keys in the ledger must never be cached, even when a restore brought their wrapped bytes back; cached: {string.Join(", ", cached)}");

        // (b) Reconciling deletes every restored key the ledger names.
        var inLedger = await _store.LedgerKeyIdsAsync();
        var restoredInLedger = (await _store.KeysWithIdsAsync(inLedger)).Count;
        var reply = await _clients.Keys.ReconcileShredLedgerAsync(new ReconcileShredLedgerRequest()).Within();

        Assert.Equal(inLedger.Count, reply.LedgerEntriesChecked);
        Assert.True(reply.KeysDeleted == restoredInLedger && restoredInLedger >= drill.DestroyedKeyIds.Count,
            $"reconciling should report the {restoredInLedger} restored keys the ledger names as deleted again, reported {reply.KeysDeleted}");
        var left = await _store.KeysWithIdsAsync(inLedger);
        Assert.True(left.Count == 0, $"after reconciling, the vault should hold none of the ledger's keys, yet holds {string.Join(", ", left.Select(k => k["_id"]))}");
        await AssertErasedDataUnreadableAsync(drill, _clients, "after ReconcileShredLedger deleted the restored keys again");

        // A second reconciliation finds nothing left to delete.
        Assert.Equal(0, (await _clients.Keys.ReconcileShredLedgerAsync(new ReconcileShredLedgerRequest()).Within()).KeysDeleted);
    }

    [Fact]
    public async Task A_gateway_started_on_restored_databases_reconciles_at_start_up_and_erased_data_stays_unreadable()
    {
        var drill = await ShredThenRestoreAsync();
        Assert.Equal(drill.DestroyedKeyIds.Count, (await _store.KeysWithIdsAsync(drill.DestroyedKeyIds)).Count);

        // A brand-new gateway process on the same three databases, as after a restart or on a new replica.
        var restarted = new GatewayReplica(gateway.Database, new Dictionary<string, string?>());
        await restarted.InitializeAsync();
        try
        {
            // Before any call: start-up alone deleted the restored keys again.
            var left = await _store.KeysWithIdsAsync(await _store.LedgerKeyIdsAsync());
            Assert.True(left.Count == 0,
                $"a gateway reconciles the shred ledger at start-up, so the vault should hold none of the ledger's keys, yet holds {string.Join(", ", left.Select(k => k["_id"]))}");

            await AssertErasedDataUnreadableAsync(drill, new GrpcTestClients(restarted.Channel),
                "on a gateway started on the restored databases: the ledger, reconciled at start-up, keeps the keys destroyed");
        }
        finally
        {
            await restarted.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_erasure_receipt_states_when_the_backup_taken_before_it_ages_out()
    {
        var drill = await ShredThenRestoreAsync();
        await _clients.Keys.ReconcileShredLedgerAsync(new ReconcileShredLedgerRequest()).Within();

        foreach (var (what, reply) in new[] { ("EraseSubject", drill.Erasure), ("OffboardTenant", drill.Offboarding) })
        {
            var shreddedAt = reply.ShreddedAt.ToDateTimeOffset();
            Assert.True(drill.Backup.TakenAt <= shreddedAt, $"{what}: the backup was taken before the shred");
            Assert.Equal(shreddedAt.AddDays(90), reply.RecordBackupsAgeOutBy.ToDateTimeOffset());
            Assert.Equal(shreddedAt.AddDays(7), reply.KeyVaultBackupsAgeOutBy.ToDateTimeOffset());

            // The drill's backups, kept as long as the policy allows, are gone by the dates the receipt gives.
            Assert.True(drill.Backup.TakenAt.AddDays(90) <= reply.RecordBackupsAgeOutBy.ToDateTimeOffset(), $"{what}: record backup ages out by the receipt's date");
            Assert.True(drill.Backup.TakenAt.AddDays(7) <= reply.KeyVaultBackupsAgeOutBy.ToDateTimeOffset(), $"{what}: key-vault backup ages out by the receipt's date");
        }
    }

    [Fact]
    public async Task Reconciling_after_a_restore_empties_the_erased_subjects_restored_blind_indexes_again()
    {
        var drill = await ShredThenRestoreAsync();
        Assert.NotEmpty(await _store.BlindIndexesAsync(drill.TenantA, "students", "stu-1"));

        await _clients.Keys.ReconcileShredLedgerAsync(new ReconcileShredLedgerRequest()).Within();

        // docs/design.md §4: a destroyed subject's blind indexes are removed with its key; a restore must not bring them back for good.
        Assert.True((await _store.BlindIndexesAsync(drill.TenantA, "students", "stu-1")).Count == 0,
            "after reconciling, the erased subject's restored record should hold no blind index (they are keyed guesses anyone with the index key can test)");
        Assert.NotEmpty(await _store.BlindIndexesAsync(drill.TenantA, "students", "stu-2"));
    }

    [Fact]
    public async Task Reconciling_after_a_restore_keeps_an_offboarded_tenant_shredded()
    {
        var drill = await ShredThenRestoreAsync();

        await _clients.Keys.ReconcileShredLedgerAsync(new ReconcileShredLedgerRequest()).Within();

        // The restored tenants collection says B is active, but the ledger says every key of B was destroyed.
        var status = (await _clients.Tenants.GetTenantAsync(new GetTenantRequest { TenantId = drill.TenantB }).Within()).Status;
        var plainRead = await OutcomeAsync(() => _clients.Records.GetRecordAsync(Shreds.Get(drill.TenantB, "attendance", "att-nobody", "attendance")).ResponseAsync);
        var plainWrite = await OutcomeAsync(() => _clients.Records.PutRecordAsync(NoSubject(StudentRecords.Attendance(drill.TenantB, "att-after-restore", "x"))).ResponseAsync);
        Assert.True(status == TenantStatus.Shredded && plainRead == StatusCode.FailedPrecondition && plainWrite == StatusCode.FailedPrecondition,
            $"an offboarded tenant must stay offboarded after a restore and a reconciliation (the ledger holds its keys); got status {status}, " +
            $"a read of its plain row without a subject: {plainRead}, a new plain row without a subject: {plainWrite}");
    }

    /// <summary>
    /// Tenant A: subjects 1 and 2 (a student and a plain attendance row each). Tenant B: subject 1 and a
    /// plain row about no one. Backup; erase A's subject 1; offboard B; restore the backup.
    /// </summary>
    private async Task<DrillState> ShredThenRestoreAsync()
    {
        var a = await StudentRecords.CreateTenantAsync(_clients).WaitAsync(RpcAssert.Timeout);
        await Shreds.PutStudentWithAttendanceAsync(_clients, a, "stu-1", "Ada Lovelace");
        await Shreds.PutStudentWithAttendanceAsync(_clients, a, "stu-2", "Grace Hopper");
        var b = await StudentRecords.CreateTenantAsync(_clients).WaitAsync(RpcAssert.Timeout);
        await Shreds.PutStudentWithAttendanceAsync(_clients, b, "stu-1", "Alan Turing");
        await _clients.Records.PutRecordAsync(NoSubject(StudentRecords.Attendance(b, "att-nobody", "x"))).Within();

        // The approving operator goes into the backup: a restore from before it was registered would revoke it.
        await SecondOperator.ForAsync(gateway);
        var backup = await DatabaseBackup.TakeAsync(gateway);
        var erasure = await _clients.Keys.EraseSubjectAsync(Shreds.Erase(a, "subj-stu-1")).Within();
        var offboarding = await Offboardings.TwoOperatorsAsync(gateway, b);
        Assert.Empty(await _store.KeysWithIdsAsync([.. erasure.KeyIds, .. offboarding.KeyIds]));

        await backup.RestoreAsync();
        return new DrillState(a, b, erasure, offboarding, backup);
    }

    private static async Task AssertErasedDataUnreadableAsync(DrillState drill, GrpcTestClients clients, string why)
    {
        foreach (var (tenant, collection, id, purpose) in new[]
        {
            (drill.TenantA, "students", "stu-1", StudentRecords.Purpose),
            (drill.TenantA, "attendance", "att-stu-1", "attendance"),
            (drill.TenantB, "students", "stu-1", StudentRecords.Purpose),
            (drill.TenantB, "attendance", "att-stu-1", "attendance"),
        })
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => clients.Records.GetRecordAsync(Shreds.Get(tenant, collection, id, purpose)).ResponseAsync.WaitAsync(RpcAssert.Timeout));
            Assert.True(error.StatusCode == StatusCode.FailedPrecondition
                && (error.Status.Detail.Contains("was erased", StringComparison.Ordinal) || error.Status.Detail.Contains("shredded", StringComparison.Ordinal)),
                $"{(tenant == drill.TenantA ? "erased subject" : "offboarded tenant")} {collection}/{id} must stay unreadable {why}; got {error.StatusCode}: {error.Status.Detail}");
        }

        var query = await clients.Records.QueryRecordsAsync(new QueryRecordsRequest { TenantId = drill.TenantA, Collection = "students", Purpose = StudentRecords.Purpose }).Within();
        Assert.True(query.Records.Select(r => r.RecordId).SequenceEqual(["stu-2"]),
            $"a query of tenant A should return only the subject that was not erased {why}; got {string.Join(", ", query.Records.Select(r => r.RecordId))}");
        Assert.Equal("Grace Hopper", (await clients.Records.GetRecordAsync(Shreds.Get(drill.TenantA, "students", "stu-2")).Within()).Fields["full_name"].StringValue);

        var write = await Assert.ThrowsAsync<RpcException>(() => clients.Records.PutRecordAsync(
            StudentRecords.Attendance(drill.TenantA, $"att-{Guid.NewGuid():N}"[..16], "stu-1")).ResponseAsync.WaitAsync(RpcAssert.Timeout));
        Assert.True(write.StatusCode == StatusCode.FailedPrecondition, $"the erased subject id must take no new data {why}; got {write.StatusCode}: {write.Status.Detail}");
    }

    private static async Task<StatusCode> OutcomeAsync(Func<Task> call)
    {
        try
        {
            await call().WaitAsync(RpcAssert.Timeout);
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }

    private static PutRecordRequest NoSubject(PutRecordRequest request)
    {
        request.SubjectId = string.Empty;
        return request;
    }

    private sealed record DrillState(string TenantA, string TenantB, ShredReply Erasure, ShredReply Offboarding, DatabaseBackup Backup)
    {
        public IReadOnlyList<string> DestroyedKeyIds { get; } = [.. Erasure.KeyIds, .. Offboarding.KeyIds];
    }
}
