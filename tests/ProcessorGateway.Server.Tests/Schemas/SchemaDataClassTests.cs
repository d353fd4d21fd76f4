using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Schemas;

/// <summary>A collection's data class (which decides erasure deadlines) through the gateway: defined, changed by a later version, shown on templates.</summary>
public sealed class SchemaDataClassTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private readonly GrpcTestClients _clients = new(gateway.Channel);

    [Fact]
    public async Task A_schema_keeps_its_data_class_and_a_later_version_may_change_it()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);

        var first = await _clients.Schemas.DefineSchemaAsync(Define(tenant, 0, DataClass.InstitutionManaged)).Within();
        var second = await _clients.Schemas.DefineSchemaAsync(Define(tenant, 1, DataClass.PersonalAccount)).Within();
        var unclassified = await _clients.Schemas.DefineSchemaAsync(Define(tenant, 2, DataClass.Unspecified)).Within();

        Assert.Equal((DataClass.InstitutionManaged, DataClass.PersonalAccount, DataClass.Unspecified), (first.DataClass, second.DataClass, unclassified.DataClass));
        var stored = await _clients.Schemas.GetSchemaAsync(new GetSchemaRequest { TenantId = tenant, Collection = "clubs", Version = 1 }).Within();
        Assert.Equal(DataClass.InstitutionManaged, stored.DataClass);
    }

    [Fact]
    public async Task An_unknown_data_class_is_refused_and_nothing_is_defined()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);

        await RpcAssert.InvalidArgumentAsync("data_class", () => _clients.Schemas.DefineSchemaAsync(Define(tenant, 0, (DataClass)7)).ResponseAsync);

        var schemas = await _clients.Schemas.ListSchemasAsync(new ListSchemasRequest { TenantId = tenant }).Within();
        Assert.DoesNotContain(schemas.Schemas, s => s.Collection == "clubs");
    }

    [Fact]
    public async Task The_templates_mark_records_about_people_institution_managed_and_messages_the_persons_own()
    {
        var templates = await _clients.Schemas.ListTemplatesAsync(new ListTemplatesRequest()).Within();

        Assert.Equal(DataClass.PersonalAccount, Assert.Single(templates.Templates, t => t.Collection == "communications").DataClass);
        Assert.All(templates.Templates.Where(t => t.Collection != "communications"), t => Assert.Equal(DataClass.InstitutionManaged, t.DataClass));
    }

    private static DefineSchemaRequest Define(string tenant, int expectedVersion, DataClass dataClass) => new()
    {
        TenantId = tenant,
        Collection = "clubs",
        ExpectedVersion = expectedVersion,
        DataClass = dataClass,
        Fields = { new Contracts.V1.FieldDefinition { Name = "club", Type = FieldType.String, FieldClass = FieldClass.Plain, DataCategory = "academic" } },
    };
}
