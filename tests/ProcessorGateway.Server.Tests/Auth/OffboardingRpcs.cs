using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;

namespace ProcessorGateway.Server.Tests.Auth;

/// <summary>
/// The offboarding rows of the authorisation matrix: operator clients with tenants.admin only. Allowed calls act on a
/// throwaway tenant asked for by the <see cref="SecondOperator"/>, which is none of the matrix's callers, so any allowed
/// caller may approve it; refused calls name the shared tenant and a request id nobody stored.
/// </summary>
internal static class OffboardingRpcs
{
    public static IReadOnlyList<GatewayRpc> All { get; } =
    [
        new("KeyService.RequestTenantOffboarding", [Scopes.TenantsAdmin], RpcTraits.OperatorOnly, async (w, t, success) =>
        {
            var target = success ? await ThrowawayTenantAsync(w) : t;
            return async c => Assert.Equal(TenantOffboardingState.Pending,
                (await c.Keys.RequestTenantOffboardingAsync(Offboardings.Ask(target, "authorisation matrix")).Within()).State);
        }),
        new("KeyService.GetTenantOffboarding", [Scopes.TenantsAdmin], RpcTraits.OperatorOnly, async (w, t, success) =>
        {
            var (target, id) = success ? await AskedAsync(w) : (t, NewRequestId());
            return async c => Assert.Equal(id, (await c.Keys.GetTenantOffboardingAsync(new GetTenantOffboardingRequest { TenantId = target, RequestId = id }).Within()).RequestId);
        }),
        new("KeyService.CancelTenantOffboarding", [Scopes.TenantsAdmin], RpcTraits.OperatorOnly, async (w, t, success) =>
        {
            var (target, id) = success ? await AskedAsync(w) : (t, NewRequestId());
            return async c => Assert.Equal(TenantOffboardingState.Cancelled,
                (await c.Keys.CancelTenantOffboardingAsync(new CancelTenantOffboardingRequest { TenantId = target, RequestId = id }).Within()).State);
        }),
        new("KeyService.OffboardTenant", [Scopes.TenantsAdmin], RpcTraits.OperatorOnly, async (w, t, success) =>
        {
            // Refused: the named tenant, which must stay active.
            var (target, id) = success ? await AskedAsync(w) : (t, NewRequestId());
            return async c =>
            {
                var offboarded = await c.Keys.OffboardTenantAsync(Offboardings.Approve(target, id)).Within();
                Assert.False(offboarded.Replayed);
                Assert.Equal(2, offboarded.KeyIds.Count);
                Assert.NotEqual(offboarded.RequestedBy, offboarded.ApprovedBy);
            };
        }),
    ];

    private static Task<string> ThrowawayTenantAsync(AuthWorld world) =>
        StudentRecords.CreateTenantWithTemplatesAsync(world.Operator, [], StudentRecords.NewTenantId("offboard"));

    /// <summary>A throwaway tenant with a pending offboarding request of the <see cref="SecondOperator"/>.</summary>
    private static async Task<(string TenantId, string RequestId)> AskedAsync(AuthWorld world)
    {
        var tenant = await ThrowawayTenantAsync(world);
        var asker = await SecondOperator.ForAsync(world.Gateway);
        var asked = await asker.Clients.Keys.RequestTenantOffboardingAsync(Offboardings.Ask(tenant, "authorisation matrix")).Within();
        return (tenant, asked.RequestId);
    }

    private static string NewRequestId() => Guid.NewGuid().ToString("N");
}
