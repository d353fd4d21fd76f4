using System.Text;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Records;

public sealed class EncryptedStorageTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private readonly GrpcTestClients _clients = new(gateway.Channel);

    [Fact]
    public async Task Stored_student_holds_no_personal_plaintext_and_reads_back_whole()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var dateOfBirth = new DateTimeOffset(2012, 3, 14, 0, 0, 0, TimeSpan.Zero);
        var put = await _clients.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-1", "Amara Okonkwo-Plaintext", "amara.plain@example.org", dateOfBirth));
        Assert.Equal(1, put.Version);

        var raw = await gateway.MongoDatabase.GetCollection<BsonDocument>("records").Find(new BsonDocument("t", tenant)).ToListAsync();
        var document = Assert.Single(raw);
        var bytes = document.ToBson();
        foreach (var secret in new[] { "Amara", "Okonkwo", "amara.plain@example.org", "example.org" })
        {
            Assert.True(IndexOf(bytes, Encoding.UTF8.GetBytes(secret)) < 0, $"'{secret}' is stored in plaintext");
        }

        var encrypted = document["e"].AsBsonDocument;
        Assert.Equal(["date_of_birth", "email", "full_name"], encrypted.Names.Order());
        Assert.DoesNotContain("date_of_birth", document["p"].AsBsonDocument.Names);
        Assert.Equal("7", document["p"]["grade_level"].AsString);

        var read = await _clients.Records.GetRecordAsync(new GetRecordRequest { TenantId = tenant, Collection = "students", RecordId = "stu-1", Purpose = StudentRecords.Purpose });
        Assert.Equal("Amara Okonkwo-Plaintext", read.Fields["full_name"].StringValue);
        Assert.Equal("amara.plain@example.org", read.Fields["email"].StringValue);
        Assert.Equal(dateOfBirth, read.Fields["date_of_birth"].TimestampValue.ToDateTimeOffset());
        Assert.Equal("subj-stu-1", read.SubjectId);
        Assert.Equal(1, read.Version);
    }

    [Fact]
    public async Task Fields_the_purpose_may_not_read_come_back_masked()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-2", "Ben Ito", "ben@example.org", DateTimeOffset.UnixEpoch));

        var read = await _clients.Records.GetRecordAsync(new GetRecordRequest { TenantId = tenant, Collection = "students", RecordId = "stu-2", Purpose = "attendance" });

        Assert.Equal("Ben Ito", read.Fields["full_name"].StringValue);
        Assert.Equal(Value.KindOneofCase.Masked, read.Fields["email"].KindCase);
        Assert.Contains("purpose 'attendance' may not read field 'email'", read.Fields["email"].Masked.Reason, StringComparison.Ordinal);
        Assert.Equal(Value.KindOneofCase.Masked, read.Fields["date_of_birth"].KindCase);
        Assert.Equal("7", read.Fields["grade_level"].StringValue);
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
