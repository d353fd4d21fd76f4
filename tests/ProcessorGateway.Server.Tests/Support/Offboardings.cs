using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Support;

/// <summary>A tenant's destruction as the gateway requires it: the bootstrap operator asks, the <see cref="SecondOperator"/> approves.</summary>
internal static class Offboardings
{
    public const string Reason = "institution closed its account";

    public static RequestTenantOffboardingRequest Ask(string tenantId, string reason = Reason) => new() { TenantId = tenantId, Reason = reason };

    public static OffboardTenantRequest Approve(string tenantId, string requestId) => new() { TenantId = tenantId, ApprovalRequestId = requestId };

    /// <summary>Asks as the bootstrap operator and approves as the second operator; the reply of the approval.</summary>
    public static async Task<ShredReply> TwoOperatorsAsync(GatewayFixture gateway, string tenantId, string reason = Reason)
    {
        var asked = await new GrpcTestClients(gateway.Channel).Keys.RequestTenantOffboardingAsync(Ask(tenantId, reason)).Within();
        var approver = await SecondOperator.ForAsync(gateway);
        return await approver.Clients.Keys.OffboardTenantAsync(Approve(tenantId, asked.RequestId)).Within();
    }
}
