using System.Text;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;
using Value = ProcessorGateway.Contracts.V1.Value;

namespace ProcessorGateway.Server.Tests.Records;

/// <summary>Payment details written through the fees and staff templates are stored only as ciphertext.</summary>
public sealed class PaymentFieldStorageTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const long Amount = 8_675_309_123;
    private const long Salary = 7_316_402_555;

    private readonly GrpcTestClients _clients = new(gateway.Channel);

    [Fact]
    public async Task Fee_amounts_payers_payment_references_bank_accounts_and_salaries_are_stored_only_as_ciphertext()
    {
        var tenant = await StudentRecords.CreateTenantWithTemplatesAsync(_clients, ["fees", "staff"]);
        await _clients.Records.PutRecordAsync(new PutRecordRequest
        {
            TenantId = tenant, Collection = "fees", RecordId = "fee-1", SubjectId = "subj-payer", Purpose = "fees",
            Fields =
            {
                ["invoice_number"] = new Value { StringValue = "INV-2026-0001" },
                ["amount_minor_units"] = new Value { Int64Value = Amount },
                ["currency"] = new Value { StringValue = "INR" },
                ["payer_name"] = new Value { StringValue = "Oluwaseun Payerfield" },
                ["payment_reference"] = new Value { StringValue = "UPI-REF-77QX-4410" },
            },
        }).Within();
        await _clients.Records.PutRecordAsync(new PutRecordRequest
        {
            TenantId = tenant, Collection = "staff", RecordId = "staff-1", SubjectId = "subj-teacher", Purpose = "employment",
            Fields =
            {
                ["full_name"] = new Value { StringValue = "Ingrid Salaryholm" },
                ["bank_account"] = new Value { StringValue = "GB33BUKB20201555555555" },
                ["salary"] = new Value { Int64Value = Salary },
            },
        }).Within();

        var documents = await gateway.MongoDatabase.GetCollection<BsonDocument>("records").Find(new BsonDocument("t", tenant)).ToListAsync();

        Assert.Equal(2, documents.Count);
        foreach (var document in documents)
        {
            var bytes = document.ToBson();
            foreach (var secret in new[] { "Payerfield", "UPI-REF-77QX-4410", "Salaryholm", "GB33BUKB20201555555555" })
            {
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"'{secret}' is stored in plaintext");
            }

            Assert.DoesNotContain(Values(document), v => v.IsInt64 && v.AsInt64 is Amount or Salary);
            Assert.DoesNotContain(Values(document), v => v.IsString && (v.AsString.Contains(Amount.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                || v.AsString.Contains(Salary.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));
        }

        var fee = documents.Single(d => d["r"] == "fee-1");
        Assert.Equal(["amount_minor_units", "payer_name", "payment_reference"], fee["e"].AsBsonDocument.Names.Order());
        var staff = documents.Single(d => d["r"] == "staff-1");
        Assert.Equal(["bank_account", "full_name", "salary"], staff["e"].AsBsonDocument.Names.Order());
    }

    private static IEnumerable<BsonValue> Values(BsonValue value) => value switch
    {
        BsonDocument document => document.Values.SelectMany(Values),
        BsonArray array => array.SelectMany(Values),
        _ => [value],
    };
}
