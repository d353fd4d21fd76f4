using Grpc.Core;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Server.Mapping;

namespace ProcessorGateway.Server.Grpc;

internal sealed class SchemaGrpcService(Core.Schemas.SchemaService schemas) : Contracts.V1.SchemaService.SchemaServiceBase
{
    public override async Task<Contracts.V1.CollectionSchema> DefineSchema(DefineSchemaRequest request, ServerCallContext context)
    {
        var schema = await schemas.DefineAsync(request.TenantId, request.Collection, request.Fields.Select(SchemaMapper.FromProto).ToList(),
            request.ExpectedVersion, context.CancellationToken);
        return SchemaMapper.ToProto(schema);
    }

    public override async Task<Contracts.V1.CollectionSchema> GetSchema(GetSchemaRequest request, ServerCallContext context) =>
        SchemaMapper.ToProto(await schemas.GetAsync(request.TenantId, request.Collection, request.Version, context.CancellationToken));

    public override async Task<ListSchemasResponse> ListSchemas(ListSchemasRequest request, ServerCallContext context)
    {
        var list = await schemas.ListAsync(request.TenantId, context.CancellationToken);
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
                }),
            },
        });
}
