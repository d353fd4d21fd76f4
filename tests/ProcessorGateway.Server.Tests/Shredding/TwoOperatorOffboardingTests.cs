using Grpc.Core;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Server.Tests.Audit;
using ProcessorGateway.Server.Tests.Erasure;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Shredding;

/// <summary>
/// Destroying a whole tenant takes two operator clients: one asks, a different one approves within the window. One
/// operator alone, a late approval, a cancelled request and a tenant's own client destroy nothing. The gateway's
/// offboarding clock is the erasure clock, a fake here, so the window passes without waiting.
/// </summary>
public sealed class TwoOperatorOffboardingTests(ErasureGatewayFixture gateway) : IClassFixture<ErasureGatewayFixture>
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(24);

    private readonly GrpcTestClients _operator = new(gateway.Channel);
    private readonly ShredStore _store = new(gateway);

    [Fact]
    public async Task An_operator_asks_a_second_operator_approves_and_the_tenant_is_shredded_with_both_named()
    {
        var tenant = await TenantWithDataAsync();
        var approver = await SecondOperator.ForAsync(gateway);

        var asked = await _operator.Keys.RequestTenantOffboardingAsync(Offboardings.Ask(tenant, "contract ended 2026-12-31")).Within();
        Assert.Equal(TenantOffboardingState.Pending, asked.State);
        Assert.Equal(GatewayFixture.OperatorClientId, asked.RequestedBy);
        Assert.Equal(asked.RequestedAt.ToDateTimeOffset() + Window, asked.ExpiresAt.ToDateTimeOffset());
        Assert.Equal(TenantStatus.Active, (await _operator.Tenants.GetTenantAsync(new GetTenantRequest { TenantId = tenant }).Within()).Status);
        await ReadableAsync(tenant);

        var reply = await approver.Clients.Keys.OffboardTenantAsync(Offboardings.Approve(tenant, asked.RequestId)).Within();

        Assert.False(reply.Replayed);
        Assert.Equal(3, reply.KeyIds.Count); // the subject key, the data key and the index key
        Assert.Equal((asked.RequestId, GatewayFixture.OperatorClientId, approver.ClientId), (reply.OffboardingRequestId, reply.RequestedBy, reply.ApprovedBy));
        Assert.Empty(await _store.TenantKeyIdsAsync(tenant));
        Assert.Equal(TenantStatus.Shredded, (await _operator.Tenants.GetTenantAsync(new GetTenantRequest { TenantId = tenant }).Within()).Status);
        var decided = await ReadAsync(tenant, asked.RequestId);
        Assert.Equal((TenantOffboardingState.Approved, approver.ClientId, "contract ended 2026-12-31"), (decided.State, decided.ApprovedBy, decided.Reason));
        Assert.All(await _store.TombstonesAsync(tenant), t => Assert.Equal("contract ended 2026-12-31", t["reason"].AsString));
    }

    [Fact]
    public async Task The_same_operator_cannot_approve_its_own_request_and_nothing_is_destroyed()
    {
        var tenant = await TenantWithDataAsync();
        var keys = await _store.TenantKeyIdsAsync(tenant);
        var asked = await _operator.Keys.RequestTenantOffboardingAsync(Offboardings.Ask(tenant)).Within();

        var refused = await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => _operator.Keys.OffboardTenantAsync(Offboardings.Approve(tenant, asked.RequestId)).ResponseAsync);

        Assert.Contains("second, different operator", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(keys.Order(StringComparer.Ordinal), (await _store.TenantKeyIdsAsync(tenant)).Order(StringComparer.Ordinal));
        Assert.Empty(await _store.TombstonesAsync(tenant));
        await ReadableAsync(tenant);
        Assert.Equal(TenantStatus.Active, (await _operator.Tenants.GetTenantAsync(new GetTenantRequest { TenantId = tenant }).Within()).Status);
        Assert.Equal(TenantOffboardingState.Pending, (await ReadAsync(tenant, asked.RequestId)).State);
    }

    [Fact]
    public async Task An_approval_after_the_window_is_refused_nothing_is_destroyed_and_asking_again_opens_a_new_request()
    {
        var tenant = await TenantWithDataAsync();
        var approver = await SecondOperator.ForAsync(gateway);
        var asked = await _operator.Keys.RequestTenantOffboardingAsync(Offboardings.Ask(tenant)).Within();

        gateway.Clock.Advance(Window + TimeSpan.FromSeconds(1));
        var refused = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => approver.Clients.Keys.OffboardTenantAsync(Offboardings.Approve(tenant, asked.RequestId)).ResponseAsync);

        Assert.Contains("expired", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(await _store.TombstonesAsync(tenant));
        await ReadableAsync(tenant);
        Assert.Equal(TenantOffboardingState.Expired, (await ReadAsync(tenant, asked.RequestId)).State);
        var again = await _operator.Keys.RequestTenantOffboardingAsync(Offboardings.Ask(tenant)).Within();
        Assert.NotEqual(asked.RequestId, again.RequestId);
        Assert.Equal(TenantOffboardingState.Pending, again.State);
    }

    [Fact]
    public async Task Asking_again_returns_the_pending_request_and_a_cancelled_one_cannot_be_approved()
    {
        var tenant = await TenantWithDataAsync();
        var approver = await SecondOperator.ForAsync(gateway);
        var asked = await _operator.Keys.RequestTenantOffboardingAsync(Offboardings.Ask(tenant)).Within();

        var second = await approver.Clients.Keys.RequestTenantOffboardingAsync(Offboardings.Ask(tenant, "asked by someone else")).Within();
        var cancelled = await approver.Clients.Keys.CancelTenantOffboardingAsync(new CancelTenantOffboardingRequest { TenantId = tenant, RequestId = asked.RequestId }).Within();

        Assert.Equal((asked.RequestId, GatewayFixture.OperatorClientId, asked.Reason), (second.RequestId, second.RequestedBy, second.Reason));
        Assert.Equal((TenantOffboardingState.Cancelled, approver.ClientId), (cancelled.State, cancelled.CancelledBy));
        var refused = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => approver.Clients.Keys.OffboardTenantAsync(Offboardings.Approve(tenant, asked.RequestId)).ResponseAsync);
        Assert.Contains("cancelled", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(await _store.TombstonesAsync(tenant));
        await ReadableAsync(tenant);
    }

    [Fact]
    public async Task A_tenant_client_with_every_scope_can_neither_ask_nor_approve_nor_cancel()
    {
        var tenant = await TenantWithDataAsync();
        var (_, channel) = await Shreds.TenantClientAsync(gateway, tenant, [.. Scopes.All]);
        var own = new GrpcTestClients(channel);
        var asked = await _operator.Keys.RequestTenantOffboardingAsync(Offboardings.Ask(tenant)).Within();

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => own.Keys.RequestTenantOffboardingAsync(Offboardings.Ask(tenant)).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => own.Keys.OffboardTenantAsync(Offboardings.Approve(tenant, asked.RequestId)).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => own.Keys.CancelTenantOffboardingAsync(new CancelTenantOffboardingRequest { TenantId = tenant, RequestId = asked.RequestId }).ResponseAsync);

        Assert.Empty(await _store.TombstonesAsync(tenant));
        await ReadableAsync(tenant);
        Assert.Equal(TenantOffboardingState.Pending, (await ReadAsync(tenant, asked.RequestId)).State);
    }

    [Fact]
    public async Task The_request_the_refused_self_approval_and_the_approval_are_in_the_tenants_audit_chain_naming_the_request()
    {
        var tenant = await TenantWithDataAsync();
        var approver = await SecondOperator.ForAsync(gateway);
        var asked = await _operator.Keys.RequestTenantOffboardingAsync(Offboardings.Ask(tenant)).Within();
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => _operator.Keys.OffboardTenantAsync(Offboardings.Approve(tenant, asked.RequestId)).ResponseAsync);
        await approver.Clients.Keys.OffboardTenantAsync(Offboardings.Approve(tenant, asked.RequestId)).Within();

        var events = (await AuditedCalls.ReadAllAsync(gateway.Channel, tenant))
            .Where(e => e.Action.Contains("Offboard", StringComparison.Ordinal))
            .Select(e => (e.Action, e.Actor, e.Outcome, RequestNamed: e.RecordIds.Contains(asked.RequestId)))
            .ToList();

        Assert.Equal(
        [
            ("KeyService.RequestTenantOffboarding", GatewayFixture.OperatorClientId, AuditOutcome.Succeeded, true),
            ("KeyService.OffboardTenant", GatewayFixture.OperatorClientId, AuditOutcome.Denied, true),
            ("KeyService.OffboardTenant", approver.ClientId, AuditOutcome.Succeeded, true),
        ], events);
    }

    [Fact]
    public async Task A_whole_tenants_erasure_request_is_verified_only_by_an_operator_other_than_its_requester()
    {
        var world = await ErasureWorld.CreateAsync(gateway);
        var request = await world.Operator.Erasure.RequestErasureAsync(new RequestErasureRequest
        {
            TenantId = world.TenantId, Scope = ErasureScope.Tenant, Reason = "the institution closed its account",
        }).Within();
        var verify = new VerifyErasureRequest { TenantId = world.TenantId, RequestId = request.RequestId, Note = "offboarding order checked" };

        var self = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => world.Operator.Erasure.VerifyErasureAsync(verify).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => world.Rights.Erasure.VerifyErasureAsync(verify).ResponseAsync);

        Assert.Contains("second, different operator", self.Status.Detail, StringComparison.Ordinal);
        var unchanged = await world.Operator.Erasure.GetErasureRequestAsync(new GetErasureRequestRequest { TenantId = world.TenantId, RequestId = request.RequestId }).Within();
        Assert.Equal(ErasureState.Received, unchanged.State);
        var approver = await SecondOperator.ForAsync(gateway);
        Assert.Equal(ErasureState.Verified, (await approver.Clients.Erasure.VerifyErasureAsync(verify).Within()).State);
    }

    /// <summary>A fresh tenant with a student (subject <c>subj-stu-1</c>) and its attendance row.</summary>
    private async Task<string> TenantWithDataAsync()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_operator).WaitAsync(RpcAssert.Timeout);
        await Shreds.PutStudentWithAttendanceAsync(_operator, tenant, "stu-1", "Ada Lovelace");
        return tenant;
    }

    private Task<TenantOffboarding> ReadAsync(string tenant, string requestId) =>
        _operator.Keys.GetTenantOffboardingAsync(new GetTenantOffboardingRequest { TenantId = tenant, RequestId = requestId }).Within();

    private async Task ReadableAsync(string tenant) =>
        Assert.Equal("Ada Lovelace", (await _operator.Records.GetRecordAsync(Shreds.Get(tenant, "students", "stu-1")).Within()).Fields["full_name"].StringValue);
}
