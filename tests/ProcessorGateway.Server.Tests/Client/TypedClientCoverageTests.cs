using Microsoft.Extensions.DependencyInjection;
using ProcessorGateway.Client;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Client;

/// <summary>
/// The client library reaches every one of the seven services with a token it fetched itself, both ways it offers
/// them: <see cref="GatewayConnection"/> and AddProcessorGatewayClient. One real call per service, against a real gateway.
/// </summary>
public sealed class TypedClientCoverageTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private readonly GrpcTestClients _setup = new(gateway.Channel);

    [Fact]
    public async Task Gateway_connection_calls_each_of_the_seven_services()
    {
        using var connection = GatewayConnection.Create(OperatorOptions());

        await CallEveryServiceAsync(new SevenClients(connection.Tenants, connection.Schemas, connection.Records, connection.Keys,
            connection.SubjectRights, connection.Erasure, connection.Audit));
    }

    [Fact]
    public async Task Dependency_injection_offers_each_of_the_seven_services()
    {
        var services = new ServiceCollection();
        services.AddProcessorGatewayClient(options =>
        {
            var from = OperatorOptions();
            (options.Address, options.TokenEndpoint, options.ClientId, options.ClientSecret, options.AllowInsecureLoopback) =
                (from.Address, from.TokenEndpoint, from.ClientId, from.ClientSecret, from.AllowInsecureLoopback);
        });
        await using var provider = services.BuildServiceProvider();

        await CallEveryServiceAsync(new SevenClients(
            provider.GetRequiredService<TenantService.TenantServiceClient>(),
            provider.GetRequiredService<SchemaService.SchemaServiceClient>(),
            provider.GetRequiredService<RecordService.RecordServiceClient>(),
            provider.GetRequiredService<KeyService.KeyServiceClient>(),
            provider.GetRequiredService<SubjectRightsService.SubjectRightsServiceClient>(),
            provider.GetRequiredService<ErasureService.ErasureServiceClient>(),
            provider.GetRequiredService<AuditService.AuditServiceClient>()));
    }

    private GatewayClientOptions OperatorOptions() => new()
    {
        Address = gateway.Address,
        TokenEndpoint = gateway.TokenEndpoint,
        ClientId = GatewayFixture.OperatorClientId,
        ClientSecret = GatewayFixture.OperatorSecret,
        AllowInsecureLoopback = true,
    };

    private async Task CallEveryServiceAsync(SevenClients clients)
    {
        var tenant = await StudentRecords.CreateTenantAsync(_setup);
        var student = StudentRecords.Student(tenant, "stu-typed", "Ama Mensah", "ama@example.org", DateTimeOffset.UnixEpoch);

        var tenantReply = await clients.Tenants.GetTenantAsync(new GetTenantRequest { TenantId = tenant }).Within();
        var schemas = await clients.Schemas.ListSchemasAsync(new ListSchemasRequest { TenantId = tenant }).Within();
        var written = await clients.Records.PutRecordAsync(student).Within();
        var rotation = await clients.Keys.GetRotationStatusAsync(new GetRotationStatusRequest { TenantId = tenant }).Within();
        var profile = await clients.SubjectRights.SetSubjectProfileAsync(new SetSubjectProfileRequest { TenantId = tenant, SubjectId = student.SubjectId, Minor = true }).Within();
        var erasure = await clients.Erasure.GetErasureCalendarAsync(new GetErasureCalendarRequest { TenantId = tenant }).Within();
        var audit = await clients.Audit.QueryAuditAsync(new QueryAuditRequest { TenantId = tenant, RecordId = "stu-typed" }).Within();

        Assert.Equal(tenant, tenantReply.TenantId);
        Assert.Contains(schemas.Schemas, s => s.Collection == "students");
        Assert.Equal(1, written.Version);
        Assert.Equal(1, rotation.Current.Version);
        Assert.True(profile.Minor);
        Assert.Equal(tenant, erasure.TenantId);
        Assert.Contains(audit.Events, e => e.Action.EndsWith("PutRecord", StringComparison.Ordinal) && e.Actor == GatewayFixture.OperatorClientId);
    }

    private sealed record SevenClients(
        TenantService.TenantServiceClient Tenants,
        SchemaService.SchemaServiceClient Schemas,
        RecordService.RecordServiceClient Records,
        KeyService.KeyServiceClient Keys,
        SubjectRightsService.SubjectRightsServiceClient SubjectRights,
        ErasureService.ErasureServiceClient Erasure,
        AuditService.AuditServiceClient Audit);
}
