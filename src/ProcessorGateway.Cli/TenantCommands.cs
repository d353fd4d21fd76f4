using System.CommandLine;
using ProcessorGateway.Contracts.V1;

namespace ProcessorGateway.Cli;

/// <summary><c>pgctl tenant create|get|offboarding</c>.</summary>
internal static class TenantCommands
{
    public static Command Create(GlobalOptions global)
    {
        var tenant = new Command("tenant", "Create and inspect tenants (institutions). Needs tenants.admin; create needs an operator client (--operator).");
        tenant.Add(CreateTenant(global));
        tenant.Add(GetTenant(global));
        tenant.Add(OffboardingCommands.Create(global));
        return tenant;
    }

    private static Command CreateTenant(GlobalOptions global)
    {
        var id = new Argument<string>("tenant-id") { Description = "Lower-case letters, digits and '-', e.g. springfield-high." };
        var name = new Option<string>("--name") { Description = "The institution's display name.", Required = true };
        var templates = new Option<string[]>("--template")
        {
            Description = "Education templates to define at once: students, guardians, staff, attendance, grades, fees, communications.",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("create", "Create a tenant with fresh data and index keys.") { id, name, templates };
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
        {
            var request = new CreateTenantRequest { TenantId = context.Required(id), DisplayName = context.Required(name) };
            request.Templates.AddRange(context.Value(templates) ?? []);
            var tenant = await context.Connection.Tenants.CreateTenantAsync(request, context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false);
            context.Print(tenant, TenantText.Write);
        }));
        return command;
    }

    private static Command GetTenant(GlobalOptions global)
    {
        var id = new Argument<string>("tenant-id") { Description = "The tenant to show." };
        var command = new Command("get", "Show a tenant: status, key ids (never key material) and collections.") { id };
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
        {
            var request = new GetTenantRequest { TenantId = context.Required(id) };
            var tenant = await context.Connection.Tenants.GetTenantAsync(request, context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false);
            context.Print(tenant, TenantText.Write);
        }));
        return command;
    }
}
