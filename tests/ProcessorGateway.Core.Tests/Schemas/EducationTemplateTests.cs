using ProcessorGateway.Core.Schemas;

namespace ProcessorGateway.Core.Tests.Schemas;

public sealed class EducationTemplateTests
{
    /// <summary>Financial fields a template may keep in clear: what identifies and dates an invoice, never who paid, how much or how.</summary>
    private static readonly string[] PlainFinancialFields = ["fees.invoice_number", "fees.due_date", "fees.currency", "fees.status"];

    [Theory]
    [InlineData("fees", "amount_minor_units")]
    [InlineData("fees", "payer_name")]
    [InlineData("fees", "payment_reference")]
    [InlineData("staff", "bank_account")]
    [InlineData("staff", "salary")]
    public void Payment_details_in_the_templates_are_encrypted(string collection, string field)
    {
        var definition = EducationTemplates.Find(collection)?.Fields.SingleOrDefault(f => f.Name == field);
        Assert.NotNull(definition);
        Assert.NotEqual(FieldClass.Plain, definition.Class);
    }

    [Fact]
    public void Every_financial_field_of_every_template_is_encrypted_but_the_invoice_metadata()
    {
        var plain = EducationTemplates.All
            .SelectMany(t => t.Fields.Where(f => f.DataCategory == "financial" && f.Class == FieldClass.Plain).Select(f => $"{t.Collection}.{f.Name}"))
            .ToList();
        Assert.Equal(PlainFinancialFields.Order(), plain.Order());
    }
}
