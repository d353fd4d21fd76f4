using Grpc.Core;
using ProcessorGateway.Contracts.V1;

namespace ProcessorGateway.Client.Tests.Support;

/// <summary>One field of every type, so pgctl's value parsing is checked against what the server receives.</summary>
public sealed class FakeSchemaService(FakeGatewayHolder holder) : SchemaService.SchemaServiceBase
{
    public static CollectionSchema Students(string tenantId) => new()
    {
        TenantId = tenantId,
        Collection = "students",
        Version = 1,
        Fields =
        {
            new FieldDefinition { Name = "name", Type = FieldType.String },
            new FieldDefinition { Name = "year", Type = FieldType.Int64 },
            new FieldDefinition { Name = "gpa", Type = FieldType.Double },
            new FieldDefinition { Name = "active", Type = FieldType.Bool },
            new FieldDefinition { Name = "born", Type = FieldType.Timestamp },
            new FieldDefinition { Name = "clubs", Type = FieldType.StringList },
            new FieldDefinition { Name = "photo", Type = FieldType.Bytes },
        },
    };

    public override Task<CollectionSchema> GetSchema(GetSchemaRequest request, ServerCallContext context)
    {
        holder.Gateway!.Authorize(context);
        return request.Collection == "students"
            ? Task.FromResult(Students(request.TenantId))
            : throw new RpcException(new Grpc.Core.Status(StatusCode.NotFound, $"collection '{request.Collection}' not found"));
    }
}
