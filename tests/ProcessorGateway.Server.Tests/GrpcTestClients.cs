using Grpc.Net.Client;
using ProcessorGateway.Contracts.V1;

namespace ProcessorGateway.Server.Tests;

/// <summary>Generated clients over one channel to the gateway under test.</summary>
internal sealed class GrpcTestClients(GrpcChannel channel)
{
    public TenantService.TenantServiceClient Tenants { get; } = new(channel);

    public SchemaService.SchemaServiceClient Schemas { get; } = new(channel);

    public RecordService.RecordServiceClient Records { get; } = new(channel);

    public KeyService.KeyServiceClient Keys { get; } = new(channel);

    public SubjectRightsService.SubjectRightsServiceClient SubjectRights { get; } = new(channel);
    public ErasureService.ErasureServiceClient Erasure { get; } = new(channel);
    public AuditService.AuditServiceClient Audit { get; } = new(channel);
}
