using System.CommandLine;
using ProcessorGateway.Contracts.V1;

namespace ProcessorGateway.Cli;

/// <summary><c>pgctl purpose register|list</c>: a tenant's purposes and their categories.</summary>
internal static class PurposeCommands
{
    // The categories a purpose may be registered with; marketing and sale are refused by the gateway, so they are not offered.
    private static readonly Dictionary<string, PurposeCategory> Categories = new(StringComparer.Ordinal)
    {
        ["service-operation"] = PurposeCategory.ServiceOperation,
        ["support"] = PurposeCategory.Support,
        ["analytics"] = PurposeCategory.Analytics,
        ["communication"] = PurposeCategory.Communication,
        ["security"] = PurposeCategory.Security,
        ["legal-obligation"] = PurposeCategory.LegalObligation,
    };

    public static Command Create(GlobalOptions global)
    {
        var purpose = new Command("purpose", "Register and list a tenant's purposes, each with its category (docs/purposes.md).");
        purpose.Add(Register(global));
        purpose.Add(List(global));
        return purpose;
    }

    private static Command Register(GlobalOptions global)
    {
        var tenant = new Option<string>("--tenant") { Description = "The tenant (its own admin client, or an operator).", Required = true };
        var name = new Argument<string>("name") { Description = "The purpose's name: lower-case letters, digits and '_', e.g. library_loans." };
        var category = new Option<string>("--category") { Description = "What the purpose uses data for.", Required = true };
        category.AcceptOnlyFromAmong([.. Categories.Keys]);
        var description = new Option<string>("--description") { Description = "What the tenant does with data under it; no personal values." };
        var command = new Command("register", "Register a purpose (tenants.admin). Marketing and sale to third parties are refused: the policy forbids both.")
        {
            name, tenant, category, description,
        };
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
        {
            var reply = await context.Connection.Tenants.RegisterPurposeAsync(new RegisterPurposeRequest
            {
                TenantId = context.Required(tenant),
                Name = context.Required(name),
                Category = Categories[context.Required(category)],
                Description = context.Value(description) ?? string.Empty,
            }, context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false);
            context.Print(reply, Write);
        }));
        return command;
    }

    private static Command List(GlobalOptions global)
    {
        var tenant = new Argument<string>("tenant-id") { Description = "The tenant (tenants.admin or schemas.admin)." };
        var command = new Command("list", "List the tenant's purposes with their categories, the standard ones included.") { tenant };
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
            context.Print(await context.Connection.Tenants.ListPurposesAsync(new ListPurposesRequest { TenantId = context.Required(tenant) },
                context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false), (o, r) =>
            {
                foreach (var purpose in r.Purposes)
                {
                    Write(o, purpose);
                }
            })));
        return command;
    }

    private static void Write(TextWriter output, Purpose purpose) =>
        output.WriteLine($"{purpose.Name}  {Name(purpose.Category)}{(purpose.Standard ? "  (standard)" : string.Empty)}"
            + (purpose.Description.Length > 0 ? $"  {purpose.Description}" : string.Empty));

    private static string Name(PurposeCategory category) =>
        Categories.FirstOrDefault(c => c.Value == category).Key ?? category.ToString();
}
