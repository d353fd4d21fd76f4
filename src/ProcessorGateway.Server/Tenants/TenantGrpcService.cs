using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Core.Clients;
using ProcessorGateway.Server.Auth;
using DomainTenant = ProcessorGateway.Core.Tenants.Tenant;

namespace ProcessorGateway.Server.Tenants;

[Authorize]
internal sealed class TenantGrpcService(
    Core.Tenants.TenantService tenants, Core.Schemas.SchemaService schemas, ClientService clients, Core.Schemas.PurposeRegistry purposes)
    : Contracts.V1.TenantService.TenantServiceBase
{
    public override async Task<Contracts.V1.Tenant> CreateTenant(CreateTenantRequest request, ServerCallContext context)
    {
        AccessPolicy.RequireOperator(context.Caller());
        var tenant = await tenants.CreateAsync(request.TenantId, request.DisplayName, request.Templates, context.CancellationToken);
        return await ToProtoAsync(tenant, context.CancellationToken);
    }

    public override async Task<Contracts.V1.Tenant> GetTenant(GetTenantRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        AccessPolicy.RequireScope(caller, Scopes.TenantsAdmin);
        var tenant = await tenants.GetAsync(AccessPolicy.RequireTenant(caller, request.TenantId), context.CancellationToken);
        return await ToProtoAsync(tenant, context.CancellationToken);
    }

    public override async Task<ClientCredentials> RegisterClient(RegisterClientRequest request, ServerCallContext context) =>
        ClientMapper.ToProto(await clients.RegisterAsync(context.Caller(), request.TenantId, request.DisplayName, request.Scopes, request.Purposes, request.PublicKeyPem,
            context.CancellationToken));

    public override async Task<ListClientsResponse> ListClients(ListClientsRequest request, ServerCallContext context)
    {
        var list = await clients.ListAsync(context.Caller(), request.TenantId, context.CancellationToken);
        return new ListClientsResponse { Clients = { list.Select(ClientMapper.ToProto) } };
    }

    public override async Task<ClientCredentials> RotateClientSecret(RotateClientSecretRequest request, ServerCallContext context) =>
        ClientMapper.ToProto(await clients.RotateSecretAsync(context.Caller(), request.ClientId, context.CancellationToken));

    public override async Task<Contracts.V1.OAuthClient> RevokeClient(RevokeClientRequest request, ServerCallContext context) =>
        ClientMapper.ToProto(await clients.RevokeAsync(context.Caller(), request.ClientId, context.CancellationToken));

    /// <summary>A tenant's admin registers its own tenant's purposes; an operator any tenant's.</summary>
    public override async Task<Purpose> RegisterPurpose(RegisterPurposeRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        AccessPolicy.RequireScope(caller, Scopes.TenantsAdmin);
        var tenantId = AccessPolicy.RequireTenant(caller, request.TenantId);
        return PurposeMapper.ToProto(await purposes.RegisterAsync(tenantId, request.Name, PurposeMapper.FromProto(request.Category), request.Description,
            caller.ClientId, context.CancellationToken));
    }

    /// <summary>Schema administrators read the purposes their fields may name, as tenant administrators do.</summary>
    public override async Task<ListPurposesResponse> ListPurposes(ListPurposesRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        AccessPolicy.RequireAnyScope(caller, Scopes.TenantsAdmin, Scopes.SchemasAdmin);
        var tenant = await tenants.GetAsync(AccessPolicy.RequireTenant(caller, request.TenantId), context.CancellationToken);
        return new ListPurposesResponse { Purposes = { (await purposes.ListAsync(tenant.TenantId, context.CancellationToken)).Select(PurposeMapper.ToProto) } };
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
