using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Values;
using ProcessorGateway.Storage.Mongo.Schemas;

namespace ProcessorGateway.Storage.Mongo.Tests.Schemas;

public sealed class SchemaRepositoryTests(MongoStorageFixture storage) : IClassFixture<MongoStorageFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly MongoSchemaRepository _schemas = new(storage.Context);

    [Fact]
    public async Task TryInsert_of_the_same_version_twice_is_false_and_keeps_the_first()
    {
        var tenant = NewTenant();

        Assert.True(await _schemas.TryInsertAsync(Schema(tenant, "students", 1, "first"), default).Within());
        Assert.False(await _schemas.TryInsertAsync(Schema(tenant, "students", 1, "second"), default).Within());

        Assert.Equal("first", (await _schemas.FindAsync(tenant, "students", 1, default).Within())!.Fields[0].Name);
    }

    [Fact]
    public async Task Find_with_version_0_returns_the_newest_and_a_given_version_returns_that_one()
    {
        var tenant = NewTenant();
        foreach (var version in new[] { 1, 3, 2 })
        {
            await _schemas.TryInsertAsync(Schema(tenant, "students", version, $"field_v{version}"), default).Within();
        }

        Assert.Equal(3, (await _schemas.FindAsync(tenant, "students", 0, default).Within())!.Version);
        Assert.Equal("field_v2", (await _schemas.FindAsync(tenant, "students", 2, default).Within())!.Fields[0].Name);
        Assert.Null(await _schemas.FindAsync(tenant, "students", 4, default).Within());
        Assert.Null(await _schemas.FindAsync(tenant, "staff", 0, default).Within());
    }

    [Fact]
    public async Task Find_with_another_tenant_is_null()
    {
        var tenant = NewTenant();
        await _schemas.TryInsertAsync(Schema(tenant, "students", 1, "name"), default).Within();

        Assert.Null(await _schemas.FindAsync(NewTenant(), "students", 0, default).Within());
    }

    [Fact]
    public async Task A_schema_reads_back_with_every_field_attribute()
    {
        var tenant = NewTenant();
        var schema = new CollectionSchema(tenant, "students", 1,
        [
            new FieldDefinition("full_name", FieldType.String, FieldClass.PersonalSearchable, "identity", ["administration", "support"], 0, true),
            new FieldDefinition("salary", FieldType.Int64, FieldClass.Sensitive, "employment", ["employment"], 2555, false),
            new FieldDefinition("student_ids", FieldType.StringList, FieldClass.Plain, "identity", [], 30, false),
        ], Now);
        await _schemas.TryInsertAsync(schema, default).Within();

        var found = await _schemas.FindAsync(tenant, "students", 1, default).Within();

        Assert.NotNull(found);
        Assert.Equal((schema.TenantId, schema.Collection, schema.Version, schema.CreatedAt), (found.TenantId, found.Collection, found.Version, found.CreatedAt));
        Assert.Equal(schema.Fields, found.Fields);
    }

    [Fact]
    public async Task A_write_list_reads_back_and_a_field_stored_without_one_as_every_old_field_is_reads_as_empty()
    {
        var tenant = NewTenant();
        var notes = new FieldDefinition("medical_notes", FieldType.String, FieldClass.Sensitive, "health", ["safeguarding", "administration"], 0, false)
        {
            WritePurposes = ["safeguarding"],
        };
        var name = new FieldDefinition("full_name", FieldType.String, FieldClass.Personal, "identity", ["administration"], 0, true);
        await _schemas.TryInsertAsync(new CollectionSchema(tenant, "students", 1, [notes, name], Now), default).Within();

        var found = await _schemas.FindAsync(tenant, "students", 1, default).Within();
        var raw = await storage.Context.Database.GetCollection<BsonDocument>(MongoContext.Schemas).Find(new BsonDocument("t", tenant)).SingleAsync().Within();

        Assert.Equal(new[] { notes, name }, found!.Fields);
        Assert.Equal(["safeguarding"], raw["fields"][0]["writePurposes"].AsBsonArray.Select(p => p.AsString));
        Assert.False(raw["fields"][1].AsBsonDocument.Contains("writePurposes"), "an empty write list is stored as no element, as before write lists existed");
        Assert.Empty(found.Fields[1].WritePurposes);
    }

    [Fact]
    public async Task ListLatest_gives_the_newest_version_of_each_collection_of_the_tenant_only()
    {
        var tenant = NewTenant();
        var other = NewTenant();
        await _schemas.TryInsertAsync(Schema(tenant, "students", 1, "a"), default).Within();
        await _schemas.TryInsertAsync(Schema(tenant, "students", 2, "b"), default).Within();
        await _schemas.TryInsertAsync(Schema(tenant, "attendance", 1, "c"), default).Within();
        await _schemas.TryInsertAsync(Schema(other, "fees", 1, "d"), default).Within();

        var latest = await _schemas.ListLatestAsync(tenant, default).Within();

        Assert.Equal([("attendance", 1), ("students", 2)], latest.Select(s => (s.Collection, s.Version)));
        Assert.All(latest, s => Assert.Equal(tenant, s.TenantId));
    }

    [Fact]
    public async Task The_data_class_is_stored_with_each_version_and_a_later_version_may_change_it()
    {
        var tenant = NewTenant();
        await _schemas.TryInsertAsync(Schema(tenant, "messages", 1, "body") with { DataClass = DataClass.InstitutionManaged }, default).Within();
        await _schemas.TryInsertAsync(Schema(tenant, "messages", 2, "body") with { DataClass = DataClass.PersonalAccount }, default).Within();
        await _schemas.TryInsertAsync(Schema(tenant, "notes", 1, "text"), default).Within();

        Assert.Equal(DataClass.InstitutionManaged, (await _schemas.FindAsync(tenant, "messages", 1, default).Within())!.DataClass);
        Assert.Equal(DataClass.PersonalAccount, (await _schemas.FindAsync(tenant, "messages", 0, default).Within())!.DataClass);
        Assert.Equal([("messages", DataClass.PersonalAccount), ("notes", DataClass.Unclassified)],
            (await _schemas.ListLatestAsync(tenant, default).Within()).Select(s => (s.Collection, s.DataClass)));
    }

    private static string NewTenant() => $"t-{Guid.NewGuid():N}"[..16];

    private static CollectionSchema Schema(string tenant, string collection, int version, string fieldName) =>
        new(tenant, collection, version, [new FieldDefinition(fieldName, FieldType.String, FieldClass.Plain, "academic", [], 0, false)], Now);
}
