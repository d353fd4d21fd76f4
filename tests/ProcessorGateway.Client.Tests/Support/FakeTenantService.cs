using Grpc.Core;
using ProcessorGateway.Contracts.V1;

namespace ProcessorGateway.Client.Tests.Support;

public sealed class FakeTenantService(FakeGatewayHolder holder) : TenantService.TenantServiceBase
{
    public override Task<Tenant> GetTenant(GetTenantRequest request, ServerCallContext context)
    {
        holder.Gateway!.Authorize(context);
        return Task.FromResult(new Tenant { TenantId = request.TenantId, DisplayName = "Fake School", Status = TenantStatus.Active });
    }
}
