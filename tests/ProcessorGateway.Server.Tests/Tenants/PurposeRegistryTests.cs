using Grpc.Core;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Server.Tests.Auth;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Subjects;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Tenants;

/// <summary>
/// The per-tenant purpose registry: marketing and sale refused with the reason, only registered purposes named by
/// clients, schemas, consents and disclosures, a client holding an unregistered purpose refused at call time.
/// </summary>
public sealed class PurposeRegistryTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private readonly GrpcTestClients _clients = new(gateway.Channel);

    [Theory]
    [InlineData("newsletters", PurposeCategory.Marketing, "category", "third-party marketing")]
    [InlineData("data_exchange", PurposeCategory.SaleToThirdParties, "category", "selling data")]
    [InlineData("parent_marketing", PurposeCategory.Communication, "name", "third-party marketing")]
    [InlineData("targeted_ads", PurposeCategory.Analytics, "name", "third-party marketing")]
    [InlineData("record_resale", PurposeCategory.ServiceOperation, "name", "selling data")]
    public async Task Registering_a_marketing_or_sale_purpose_is_refused_by_category_and_by_name_saying_why_and_stores_nothing(
        string name, PurposeCategory category, string field, string why)
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);

        var refused = await RpcAssert.InvalidArgumentAsync(field, () => _clients.Tenants.RegisterPurposeAsync(Register(tenant, name, category)).Within());

        Assert.Contains(why, refused.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("policy forbids", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await Stored.CountDocumentsAsync(Builders<BsonDocument>.Filter.Eq("t", tenant)));
        Assert.DoesNotContain((await ListAsync(tenant)).Purposes, p => p.Name == name);
    }

    [Fact]
    public async Task Re_registering_is_idempotent_and_another_category_or_a_change_to_a_standard_purpose_is_failed_precondition()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);

        var first = await _clients.Tenants.RegisterPurposeAsync(Register(tenant, "library_loans", PurposeCategory.ServiceOperation)).Within();
        var again = await _clients.Tenants.RegisterPurposeAsync(Register(tenant, "library_loans", PurposeCategory.ServiceOperation)).Within();
        var recategorised = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => _clients.Tenants.RegisterPurposeAsync(Register(tenant, "library_loans", PurposeCategory.Analytics)).Within());
        var standard = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => _clients.Tenants.RegisterPurposeAsync(Register(tenant, "safeguarding", PurposeCategory.LegalObligation)).Within());

        Assert.Equal(first, again);
        Assert.Equal((GatewayFixture.OperatorClientId, false), (first.RegisteredBy, first.Standard));
        Assert.Contains("category cannot be changed", recategorised.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("standard purpose", standard.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(1, await Stored.CountDocumentsAsync(Builders<BsonDocument>.Filter.Eq("t", tenant)));
        var listed = (await ListAsync(tenant)).Purposes;
        Assert.Contains(listed, p => p is { Name: "library_loans", Category: PurposeCategory.ServiceOperation, Standard: false });
        Assert.Contains(listed, p => p is { Name: "safeguarding", Category: PurposeCategory.Security, Standard: true });
        Assert.Contains(listed, p => p is { Name: "analytics", Category: PurposeCategory.Analytics, Standard: true });
    }

    [Fact]
    public async Task An_unregistered_purpose_is_refused_on_RegisterClient_DefineSchema_GrantConsent_and_RecordDisclosure_naming_the_field()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        const string Unregistered = "library_loans";
        var client = new RegisterClientRequest { TenantId = tenant, DisplayName = "library", Scopes = { Scopes.RecordsRead }, Purposes = { "attendance", Unregistered } };
        var schema = new DefineSchemaRequest
        {
            TenantId = tenant,
            Collection = "loans",
            Fields =
            {
                new FieldDefinition { Name = "title", Type = FieldType.String, FieldClass = FieldClass.Plain, DataCategory = "library" },
                new FieldDefinition { Name = "borrower", Type = FieldType.String, FieldClass = FieldClass.Personal, DataCategory = "identity", Purposes = { Unregistered } },
            },
        };
        var consent = SubjectRightsRpcs.Grant(tenant, "subj-stu-1", Unregistered);
        var disclosure = DisclosureTests.Request(tenant, LegalBasis.Contract);
        disclosure.Purpose = Unregistered;

        var refusals = new[]
        {
            await RpcAssert.InvalidArgumentAsync("purposes[1]", () => _clients.Tenants.RegisterClientAsync(client).Within()),
            await RpcAssert.InvalidArgumentAsync("fields[1].purposes[0]", () => _clients.Schemas.DefineSchemaAsync(schema).Within()),
            await RpcAssert.InvalidArgumentAsync("purposes[0]", () => _clients.SubjectRights.GrantConsentAsync(consent).Within()),
            await RpcAssert.InvalidArgumentAsync("purpose", () => _clients.SubjectRights.RecordDisclosureAsync(disclosure).Within()),
        };

        Assert.All(refusals, r => Assert.Contains($"'{Unregistered}' is not a registered purpose of tenant '{tenant}'; register it first", r.Status.Detail, StringComparison.Ordinal));
        await _clients.Tenants.RegisterPurposeAsync(Register(tenant, Unregistered, PurposeCategory.ServiceOperation)).Within();
        Assert.Equal(tenant, (await _clients.Tenants.RegisterClientAsync(client).Within()).Client.TenantId);
        Assert.Equal(1, (await _clients.Schemas.DefineSchemaAsync(schema).Within()).Version);
        Assert.Equal([Unregistered], (await _clients.SubjectRights.GrantConsentAsync(consent).Within()).Purposes);
    }

    [Fact]
    public async Task A_client_holding_a_purpose_the_tenant_never_registered_is_refused_at_call_time_with_failed_precondition()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-1", "Ada Lovelace", "ada@example.org", DateTimeOffset.UnixEpoch)).Within();
        var registered = await _clients.Tenants.RegisterClientAsync(new RegisterClientRequest
        {
            TenantId = tenant, DisplayName = "granted before the registry", Scopes = { Scopes.RecordsRead }, Purposes = { StudentRecords.Purpose },
        }).Within();

        // As a client granted a purpose before purposes were registered: its stored grant names one the tenant does not have.
        await gateway.MongoDatabase.GetCollection<BsonDocument>("oauth_clients").UpdateOneAsync(
            Builders<BsonDocument>.Filter.Eq("_id", registered.Client.ClientId), Builders<BsonDocument>.Update.Set("purposes", new BsonArray { StudentRecords.Purpose, "legacy_reports" }));
        using var channel = await gateway.CreateChannelAsync(registered.Client.ClientId, registered.ClientSecret);
        var legacy = new GrpcTestClients(channel);

        var refused = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => legacy.Records.GetRecordAsync(
            new GetRecordRequest { TenantId = tenant, Collection = "students", RecordId = "stu-1", Purpose = "legacy_reports" }).Within());

        Assert.Contains($"purpose 'legacy_reports' is not registered for tenant '{tenant}'", refused.Status.Detail, StringComparison.Ordinal);
        var read = await legacy.Records.GetRecordAsync(
            new GetRecordRequest { TenantId = tenant, Collection = "students", RecordId = "stu-1", Purpose = StudentRecords.Purpose }).Within();
        Assert.Equal("Ada Lovelace", read.Fields["full_name"].StringValue);
    }

    [Fact]
    public async Task A_tenant_admin_registers_its_own_tenants_purposes_only_and_a_schema_admin_lists_them()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var other = await StudentRecords.CreateTenantAsync(_clients);
        var admin = await _clients.Tenants.RegisterClientAsync(new RegisterClientRequest
        {
            TenantId = tenant, DisplayName = "admin", Scopes = { Scopes.TenantsAdmin, Scopes.SchemasAdmin }, Purposes = { StudentRecords.Purpose },
        }).Within();
        using var channel = await gateway.CreateChannelAsync(admin.Client.ClientId, admin.ClientSecret);
        var own = new GrpcTestClients(channel);

        var registered = await own.Tenants.RegisterPurposeAsync(Register(tenant, "trip_planning", PurposeCategory.ServiceOperation)).Within();
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => own.Tenants.RegisterPurposeAsync(Register(other, "trip_planning", PurposeCategory.ServiceOperation)).Within());

        Assert.Equal(admin.Client.ClientId, registered.RegisteredBy);
        Assert.Contains((await own.Tenants.ListPurposesAsync(new ListPurposesRequest { TenantId = tenant }).Within()).Purposes, p => p.Name == "trip_planning");
        Assert.DoesNotContain((await ListAsync(other)).Purposes, p => p.Name == "trip_planning");
    }

    [Fact]
    public async Task Pgctl_registers_a_purpose_refuses_a_marketing_one_saying_why_and_lists_categories()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var directory = Directory.CreateTempSubdirectory("pgctl-purposes-").FullName;
        try
        {
            string[] common = ["--credentials", PgctlRunner.WriteCredentials(directory, gateway, tenant, GatewayFixture.OperatorClientId, GatewayFixture.OperatorSecret), "--operator"];

            var registered = await PgctlRunner.RunAsync([.. common, "purpose", "register", "library_loans", "--tenant", tenant, "--category", "service-operation",
                "--description", "lending books"]);
            var marketing = await PgctlRunner.RunAsync([.. common, "purpose", "register", "holiday_ads", "--tenant", tenant, "--category", "communication"]);
            var listed = await PgctlRunner.RunAsync([.. common, "purpose", "list", tenant]);

            Assert.True(registered.ExitCode == 0, registered.Error);
            Assert.Contains("library_loans  service-operation  lending books", registered.Output, StringComparison.Ordinal);
            Assert.Equal(7, marketing.ExitCode);
            Assert.Contains("third-party marketing", marketing.Error, StringComparison.Ordinal);
            Assert.True(listed.ExitCode == 0, listed.Error);
            Assert.Contains("safeguarding  security  (standard)", listed.Output, StringComparison.Ordinal);
            Assert.Contains("library_loans  service-operation", listed.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public static RegisterPurposeRequest Register(string tenant, string name, PurposeCategory category) =>
        new() { TenantId = tenant, Name = name, Category = category, Description = "what the school does with it" };

    private Task<ListPurposesResponse> ListAsync(string tenant) => _clients.Tenants.ListPurposesAsync(new ListPurposesRequest { TenantId = tenant }).Within();

    private IMongoCollection<BsonDocument> Stored => gateway.MongoDatabase.GetCollection<BsonDocument>("purposes");
}
