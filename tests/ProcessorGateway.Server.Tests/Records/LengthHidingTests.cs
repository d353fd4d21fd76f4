using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Crypto;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Records;

/// <summary>What an attacker with the database sees of a value's length: the bucket for sensitive fields, nothing finer.</summary>
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
    public async Task A_sensitive_value_one_byte_past_a_bucket_is_stored_in_the_next_and_personal_fields_keep_their_exact_length()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);

        var stored = await PutAndReadRawAsync(tenant, "stu-long", "2 11 04 75 1234");

        Assert.Equal(FieldCipher.Overhead + (2 * LengthPadding.SmallestBucket), stored["e"]["national_id"].AsByteArray.Length);
        // Personal (not sensitive) fields are not padded: the type byte and the value.
        Assert.Equal(FieldCipher.Overhead + 1 + "len@example.org".Length, stored["e"]["email"].AsByteArray.Length);
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

        var read = await _clients.Records.GetRecordAsync(new GetRecordRequest
        {
            TenantId = tenant, Collection = "students", RecordId = "stu-exact", Purpose = StudentRecords.Purpose,
        });

        Assert.Equal(nationalId, read.Fields["national_id"].StringValue);
    }

    private async Task<MongoDB.Bson.BsonDocument> PutAndReadRawAsync(string tenant, string recordId, string nationalId)
    {
        var request = StudentRecords.Student(tenant, recordId, "Len Test", "len@example.org", DateTimeOffset.UnixEpoch);
        request.Fields["national_id"] = new Value { StringValue = nationalId };
        await _clients.Records.PutRecordAsync(request);
        return await _raw.RecordAsync(tenant, "students", recordId) ?? throw new InvalidOperationException($"record '{recordId}' was not stored");
    }
}
