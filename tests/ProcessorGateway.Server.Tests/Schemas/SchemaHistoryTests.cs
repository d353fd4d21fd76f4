using Microsoft.Extensions.DependencyInjection;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Caching;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Schemas;

/// <summary>
/// A field name keeps its type and protection for ever: dropping a sensitive field and re-adding it as plain would
/// otherwise let any purpose read the old ciphertext and store new values in clear.
/// </summary>
public sealed class SchemaHistoryTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string Collection = "clubs";
    private readonly GrpcTestClients _clients = new(gateway.Channel);
    private readonly RawStore _raw = new(gateway);

    [Fact]
    public async Task A_sensitive_field_dropped_and_re_added_as_plain_is_refused_and_the_schema_stays_as_it_was()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await DefineAsync(tenant, 0, Club, Secret(FieldClass.Sensitive));
        await PutAsync(tenant, "club-1");
        await DefineAsync(tenant, 1, Club);

        var refused = await RpcAssert.InvalidArgumentAsync("fields[1].field_class",
            () => _clients.Schemas.DefineSchemaAsync(Define(tenant, 2, Club, Secret(FieldClass.Plain))).ResponseAsync);
        Assert.Contains("'secret' was stored as Sensitive in version 1", refused.Status.Detail, StringComparison.Ordinal);
        await RpcAssert.InvalidArgumentAsync("fields[1].type",
            () => _clients.Schemas.DefineSchemaAsync(Define(tenant, 2, Club, Secret(FieldClass.Sensitive, FieldType.Int64))).ResponseAsync);

        var current = await _clients.Schemas.GetSchemaAsync(new GetSchemaRequest { TenantId = tenant, Collection = Collection }).Within();
        Assert.Equal(2, current.Version);
        Assert.Equal(["club"], current.Fields.Select(f => f.Name));
        var readded = await _clients.Schemas.DefineSchemaAsync(Define(tenant, 2, Club, Secret(FieldClass.Sensitive))).Within();
        Assert.Equal(3, readded.Version);
    }

    [Fact]
    public async Task Ciphertext_of_a_field_a_stored_schema_declares_plain_is_masked_and_never_decrypted()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await DefineAsync(tenant, 0, Club, Secret(FieldClass.Sensitive));
        await PutAsync(tenant, "club-1");

        // A downgrade stored before field names kept their class: written into the database directly.
        var first = await _raw.Schemas.Find(new BsonDocument("_id", $"{tenant}/{Collection}/1")).SingleAsync();
        var downgraded = first.DeepClone().AsBsonDocument;
        downgraded["_id"] = $"{tenant}/{Collection}/2";
        downgraded["v"] = 2;
        var secret = downgraded["fields"].AsBsonArray.Select(f => f.AsBsonDocument).Single(f => f["name"] == "secret");
        secret["class"] = (int)Core.Schemas.FieldClass.Plain;
        secret["purposes"] = new BsonArray();
        await _raw.Schemas.InsertOneAsync(downgraded);
        await gateway.Services.GetRequiredService<MetadataCache>()
            .InvalidateAsync(MetadataKind.Schema, InvalidatingSchemaRepository.SchemaId(tenant, Collection, 0), CancellationToken.None);

        foreach (var purpose in new[] { StudentRecords.Purpose, "fees" })
        {
            var read = await _clients.Records.GetRecordAsync(new GetRecordRequest { TenantId = tenant, Collection = Collection, RecordId = "club-1", Purpose = purpose }).Within();
            Assert.Equal("chess", read.Fields["club"].StringValue);
            Assert.Equal(Value.KindOneofCase.Masked, read.Fields["secret"].KindCase);
            Assert.Equal("field 'secret' is stored encrypted but its schema declares it plain; it is not decrypted", read.Fields["secret"].Masked.Reason);
        }
    }

    private static Contracts.V1.FieldDefinition Club => new() { Name = "club", Type = FieldType.String, FieldClass = FieldClass.Plain, DataCategory = "academic" };

    private static Contracts.V1.FieldDefinition Secret(FieldClass fieldClass, FieldType type = FieldType.String)
    {
        var field = new Contracts.V1.FieldDefinition { Name = "secret", Type = type, FieldClass = fieldClass, DataCategory = "health" };
        if (fieldClass != FieldClass.Plain)
        {
            field.Purposes.Add(StudentRecords.Purpose);
        }

        return field;
    }

    private async Task DefineAsync(string tenant, int expectedVersion, params Contracts.V1.FieldDefinition[] fields) =>
        await _clients.Schemas.DefineSchemaAsync(Define(tenant, expectedVersion, fields)).Within();

    private static DefineSchemaRequest Define(string tenant, int expectedVersion, params Contracts.V1.FieldDefinition[] fields) => new()
    {
        TenantId = tenant, Collection = Collection, ExpectedVersion = expectedVersion, DataClass = DataClass.InstitutionManaged, Fields = { fields },
    };

    private async Task PutAsync(string tenant, string recordId) =>
        await _clients.Records.PutRecordAsync(new PutRecordRequest
        {
            TenantId = tenant, Collection = Collection, RecordId = recordId, SubjectId = "subj-1", Purpose = StudentRecords.Purpose,
            Fields = { ["club"] = new Value { StringValue = "chess" }, ["secret"] = new Value { StringValue = "asthma" } },
        }).Within();
}
