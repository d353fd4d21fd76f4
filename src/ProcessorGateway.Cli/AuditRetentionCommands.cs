using System.CommandLine;
using System.Globalization;
using ProcessorGateway.Contracts.V1;

namespace ProcessorGateway.Cli;

/// <summary>
/// <c>pgctl audit retention show|set</c>: how long a tenant's audit events are kept before they are pruned
/// (subjects.rights for the tenant's own client, tenants.admin for an operator).
/// </summary>
internal static class AuditRetentionCommands
{
    public static Command Create(GlobalOptions global)
    {
        var retention = new Command("retention", "Show or set how long a tenant's audit events are kept before they are pruned, a whole block at a time.");
        retention.Add(Show(global));
        retention.Add(Set(global));
        return retention;
    }

    private static Command Show(GlobalOptions global)
    {
        var tenant = new Option<string>("--tenant") { Description = "The tenant.", Required = true };
        var command = new Command("show", "Show the tenant's audit retention: its own, or the deployment's default.") { tenant };
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
            context.Print(await context.Connection.Audit.GetAuditRetentionAsync(new GetAuditRetentionRequest { TenantId = context.Required(tenant) },
                context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false), Write)));
        return command;
    }

    private static Command Set(GlobalOptions global)
    {
        var tenant = new Option<string>("--tenant") { Description = "The tenant.", Required = true };
        var days = new Option<int>("--days") { Description = "30 to 3650; 0 returns the tenant to the deployment's default.", Required = true };
        var command = new Command("set", "Set the tenant's audit retention.") { tenant, days };
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
            context.Print(await context.Connection.Audit.SetAuditRetentionAsync(
                new SetAuditRetentionRequest { TenantId = context.Required(tenant), RetentionDays = context.Value(days) },
                context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false), Write)));
        return command;
    }

    private static void Write(TextWriter output, AuditRetentionPeriod p) => TextBlock.Write(output,
    [
        ("tenant", p.TenantId),
        ("retention", string.Create(CultureInfo.InvariantCulture, $"{p.RetentionDays} days")),
        ("set by", p.DeploymentDefault ? "the deployment's default (Gateway:Audit:Retention)" : $"{p.UpdatedBy} at {ValueText.Instant(p.UpdatedAt)}"),
    ]);
}
