using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Tenants;
using DomainTenant = ProcessorGateway.Core.Tenants.Tenant;

namespace ProcessorGateway.Server.Grpc;

internal sealed class TenantGrpcService(Core.Tenants.TenantService tenants, Core.Schemas.SchemaService schemas) : Contracts.V1.TenantService.TenantServiceBase
{
    public override async Task<Contracts.V1.Tenant> CreateTenant(CreateTenantRequest request, ServerCallContext context)
    {
        var tenant = await tenants.CreateAsync(request.TenantId, request.DisplayName, request.Templates, context.CancellationToken);
        return await ToProtoAsync(tenant, context.CancellationToken);
    }

    public override async Task<Contracts.V1.Tenant> GetTenant(GetTenantRequest request, ServerCallContext context)
    {
        var tenant = await tenants.GetAsync(request.TenantId, context.CancellationToken);
        return await ToProtoAsync(tenant, context.CancellationToken);
    }

    private async Task<Contracts.V1.Tenant> ToProtoAsync(DomainTenant tenant, CancellationToken cancellationToken)
    {
        var collections = await schemas.ListAsync(tenant.TenantId, cancellationToken);
        return new Contracts.V1.Tenant
        {
            TenantId = tenant.TenantId,
            DisplayName = tenant.DisplayName,
            Status = (Contracts.V1.TenantStatus)(int)tenant.Status,
            DataKeyId = tenant.DataKey.Id.ToString("N"),
            DataKeyVersion = tenant.DataKey.Version,
            IndexKeyId = tenant.IndexKey.Id.ToString("N"),
            Collections = { collections.Select(c => c.Collection) },
            CreatedAt = Timestamp.FromDateTimeOffset(tenant.CreatedAt),
        };
    }
}
