using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Crypto;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Records;

/// <summary>What an attacker with the database sees of a value's length: the bucket for every encrypted field, unless its schema turns hiding off.</summary>
public sealed class LengthHidingTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private readonly GrpcTestClients _clients = new(gateway.Channel);
    private readonly RawStore _raw = new(gateway);

    [Fact]
    public async Task Sensitive_values_of_different_lengths_within_one_bucket_are_stored_as_ciphertexts_of_one_length()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        // With the type byte and the padding marker each fits the 16-byte bucket; the last is 2 bytes per 'ø'.
        string[] nationalIds = ["", "7", "AB123456", "2 11 04 75 123", "øøø-øøø"];

        var lengths = new List<int>();
        for (var i = 0; i < nationalIds.Length; i++)
        {
            var stored = await PutAndReadRawAsync(tenant, $"stu-{i}", nationalIds[i]);
            lengths.Add(stored["e"]["national_id"].AsByteArray.Length);
        }

        Assert.Equal([FieldCipher.Overhead + LengthPadding.SmallestBucket], lengths.Distinct());
    }

    [Fact]
    public async Task A_sensitive_value_one_byte_past_a_bucket_is_stored_in_the_next()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);

        var stored = await PutAndReadRawAsync(tenant, "stu-long", "2 11 04 75 1234");

        Assert.Equal(FieldCipher.Overhead + (2 * LengthPadding.SmallestBucket), stored["e"]["national_id"].AsByteArray.Length);
    }

    [Fact]
    public async Task Personal_values_of_different_lengths_within_one_bucket_are_stored_as_ciphertexts_of_one_length_by_default()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        // With the type byte and the marker each fits the 32-byte bucket.
        string[] emails = ["abc@example.org", "len.test@example.org", "maria.jose.garcia@school.es"];

        var lengths = new List<int>();
        for (var i = 0; i < emails.Length; i++)
        {
            var stored = await PutAndReadRawAsync(tenant, $"stu-{i}", "AB1", emails[i]);
            lengths.Add(stored["e"]["email"].AsByteArray.Length);
        }

        Assert.Equal([FieldCipher.Overhead + (2 * LengthPadding.SmallestBucket)], lengths.Distinct());
    }

    [Fact]
    public async Task A_field_with_length_hiding_off_is_stored_at_its_exact_length_and_values_padded_before_still_read()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await PutAndReadRawAsync(tenant, "stu-before", "AB1", "before@example.org");

        var schema = await _clients.Schemas.GetSchemaAsync(new GetSchemaRequest { TenantId = tenant, Collection = "students" }).Within();
        var next = new DefineSchemaRequest
        {
            TenantId = tenant, Collection = "students", ExpectedVersion = schema.Version, DataClass = schema.DataClass, MinorField = schema.MinorField,
            Fields = { schema.Fields.Select(f => f.Name == "email" ? new FieldDefinition(f) { LengthHiding = Contracts.V1.LengthHiding.Off } : f) },
        };
        var defined = await _clients.Schemas.DefineSchemaAsync(next).Within();
        Assert.Equal(Contracts.V1.LengthHiding.Off, defined.Fields.Single(f => f.Name == "email").LengthHiding);

        var after = await PutAndReadRawAsync(tenant, "stu-after", "AB1", "after@example.org");

        Assert.Equal(FieldCipher.Overhead + 1 + "after@example.org".Length, after["e"]["email"].AsByteArray.Length);
        Assert.Equal(FieldCipher.Overhead + LengthPadding.SmallestBucket, after["e"]["national_id"].AsByteArray.Length);
        Assert.Equal("before@example.org", (await ReadAsync(tenant, "stu-before")).Fields["email"].StringValue);
        Assert.Equal("after@example.org", (await ReadAsync(tenant, "stu-after")).Fields["email"].StringValue);
    }

    [Theory]
    [InlineData(Contracts.V1.LengthHiding.On)]
    [InlineData(Contracts.V1.LengthHiding.Off)]
    public async Task Length_hiding_on_a_plain_field_is_refused_naming_the_field_and_defines_nothing(Contracts.V1.LengthHiding setting)
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var schema = await _clients.Schemas.GetSchemaAsync(new GetSchemaRequest { TenantId = tenant, Collection = "students" }).Within();
        var gradeAt = schema.Fields.Select(f => f.Name).ToList().IndexOf("grade_level");
        var next = new DefineSchemaRequest
        {
            TenantId = tenant, Collection = "students", ExpectedVersion = schema.Version, DataClass = schema.DataClass, MinorField = schema.MinorField,
            Fields = { schema.Fields.Select(f => f.Name == "grade_level" ? new FieldDefinition(f) { LengthHiding = setting } : f) },
        };

        var error = await RpcAssert.InvalidArgumentAsync($"fields[{gradeAt}].length_hiding", () => _clients.Schemas.DefineSchemaAsync(next).Within());

        Assert.Contains("'grade_level' is plain", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(schema.Version, (await _clients.Schemas.GetSchemaAsync(new GetSchemaRequest { TenantId = tenant, Collection = "students" }).Within()).Version);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2 11 04 75 123")] // fills the 16-byte bucket exactly
    [InlineData("2 11 04 75 1234")] // one byte into the next
    [InlineData("Zoë Ødegård 山田 👩‍🎓")]
    public async Task Padded_sensitive_values_read_back_exactly(string nationalId)
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await PutAndReadRawAsync(tenant, "stu-exact", nationalId);

        var read = await ReadAsync(tenant, "stu-exact");

        Assert.Equal(nationalId, read.Fields["national_id"].StringValue);
    }

    private Task<Contracts.V1.Record> ReadAsync(string tenant, string recordId) => _clients.Records.GetRecordAsync(new GetRecordRequest
    {
        TenantId = tenant, Collection = "students", RecordId = recordId, Purpose = StudentRecords.Purpose,
    }).Within();

    private async Task<MongoDB.Bson.BsonDocument> PutAndReadRawAsync(string tenant, string recordId, string nationalId, string email = "len@example.org")
    {
        var request = StudentRecords.Student(tenant, recordId, "Len Test", email, DateTimeOffset.UnixEpoch);
        request.Fields["national_id"] = new Value { StringValue = nationalId };
        await _clients.Records.PutRecordAsync(request).Within();
        return await _raw.RecordAsync(tenant, "students", recordId) ?? throw new InvalidOperationException($"record '{recordId}' was not stored");
    }
}
