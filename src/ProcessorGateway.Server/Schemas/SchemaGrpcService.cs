using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Server.Auth;

namespace ProcessorGateway.Server.Schemas;

[Authorize]
internal sealed class SchemaGrpcService(Core.Schemas.SchemaService schemas, Core.Tenants.TenantService tenants) : Contracts.V1.SchemaService.SchemaServiceBase
{
    public override async Task<Contracts.V1.CollectionSchema> DefineSchema(DefineSchemaRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        AccessPolicy.RequireScope(caller, Scopes.SchemasAdmin);
        var tenantId = AccessPolicy.RequireTenant(caller, request.TenantId);
        var schema = await schemas.DefineAsync(tenantId, request.Collection, request.Fields.Select(SchemaMapper.FromProto).ToList(),
            request.ExpectedVersion, SchemaMapper.FromProto(request.DataClass), context.CancellationToken, request.MinorField,
            SchemaMapper.RetentionFromProto(request));
        return SchemaMapper.ToProto(schema);
    }

    public override async Task<Contracts.V1.CollectionSchema> GetSchema(GetSchemaRequest request, ServerCallContext context)
    {
        var tenantId = await ReaderTenantAsync(context, request.TenantId);
        return SchemaMapper.ToProto(await schemas.GetAsync(tenantId, request.Collection, request.Version, context.CancellationToken));
    }

    public override async Task<ListSchemasResponse> ListSchemas(ListSchemasRequest request, ServerCallContext context)
    {
        var list = await schemas.ListAsync(await ReaderTenantAsync(context, request.TenantId), context.CancellationToken);
        return new ListSchemasResponse { Schemas = { list.Select(SchemaMapper.ToProto) } };
    }

    public override Task<ListTemplatesResponse> ListTemplates(ListTemplatesRequest request, ServerCallContext context) =>
        Task.FromResult(new ListTemplatesResponse
        {
            Templates =
            {
                EducationTemplates.All.Select(t => new Contracts.V1.SchemaTemplate
                {
                    Collection = t.Collection,
                    Fields = { t.Fields.Select(SchemaMapper.ToProto) },
                    DataClass = (Contracts.V1.DataClass)(int)t.DataClass,
                    MinorField = t.MinorField ?? string.Empty,
                    RetentionDays = t.Retention.Days,
                    RetentionStart = (Contracts.V1.RetentionStart)(int)t.Retention.Start,
                    RetentionDateField = t.Retention.DateField ?? string.Empty,
                }),
            },
        });

    /// <summary>Schemas are read by whoever reads or writes the records, or administers the schemas, of an active tenant.</summary>
    private async Task<string> ReaderTenantAsync(ServerCallContext context, string tenantId)
    {
        var caller = context.Caller();
        AccessPolicy.RequireAnyScope(caller, Scopes.RecordsRead, Scopes.RecordsWrite, Scopes.SchemasAdmin);
        var tenant = await tenants.GetActiveAsync(AccessPolicy.RequireTenant(caller, tenantId), context.CancellationToken);
        return tenant.TenantId;
    }
}
