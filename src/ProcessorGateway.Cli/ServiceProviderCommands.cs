using System.CommandLine;
using ProcessorGateway.Contracts.V1;

namespace ProcessorGateway.Cli;

/// <summary><c>pgctl service-providers TENANT</c>: the deployment's sub-processors, as an institution sees them.</summary>
internal static class ServiceProviderCommands
{
    public static Command Create(GlobalOptions global)
    {
        var tenant = new Argument<string>("tenant-id") { Description = "The tenant (subjects.rights for its own client; an operator names it)." };
        var command = new Command("service-providers", "List the service providers (sub-processors) this deployment shares data with.") { tenant };
        command.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
            context.Print(await context.Connection.SubjectRights.ListServiceProvidersAsync(new ListServiceProvidersRequest
            {
                TenantId = context.Required(tenant),
            }, context.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false), (o, r) =>
            {
                if (r.ServiceProviders.Count == 0)
                {
                    o.WriteLine("no service providers configured");
                }

                foreach (var provider in r.ServiceProviders)
                {
                    TextBlock.Write(o, [("name", provider.Name), ("purpose", provider.Purpose), ("location", provider.Location)]);
                    o.WriteLine();
                }
            })));
        return command;
    }
}
