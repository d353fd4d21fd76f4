using System.CommandLine;
using System.CommandLine.Parsing;

namespace ProcessorGateway.Cli;

/// <summary>The command tree, and the one place parse errors become an exit code.</summary>
internal static class Pgctl
{
    public static RootCommand Create() => Create(new GlobalOptions());

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var global = new GlobalOptions();
        var parsed = Create(global).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // Reported here rather than by System.CommandLine, so a usage error has its own exit code and one style.
            var message = string.Join("; ", parsed.Errors.Select(e => e.Message));
            var hint = $"Run '{CommandPath(parsed.CommandResult)} --help' for usage.";
            var json = parsed.GetResult(global.Json) is not null;
            await ErrorReport.WriteAsync(error, CommandFailure.Local(ExitCodes.Usage, ErrorReport.UsageCode, json ? $"{message} ({hint})" : message) with
            {
                Notes = [hint],
            }, json).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }).ConfigureAwait(false);
    }

    private static RootCommand Create(GlobalOptions global)
    {
        var root = new RootCommand("pgctl: administer a ProcessorGateway and read and write its records.");
        global.AddTo(root);
        root.Add(TenantCommands.Create(global));
        root.Add(ClientCommands.Create(global));
        root.Add(PurposeCommands.Create(global));
        root.Add(SchemaCommands.Create(global));
        root.Add(RecordCommands.Create(global));
        root.Add(KeyCommands.Create(global));
        root.Add(SubjectRightsCommands.CreateExport(global));
        root.Add(SubjectRightsCommands.CreateSubject(global));
        root.Add(ServiceProviderCommands.Create(global));
        root.Add(DisclosureCommands.Create(global));
        root.Add(ErasureCommands.Create(global));
        root.Add(NotificationCommands.Create(global));
        root.Add(ReceiptCommands.Create(global));
        root.Add(AuditCommands.Create(global));
        return root;
    }

    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? result = command; result is CommandResult current; result = current.Parent)
        {
            names.Insert(0, current.Command is RootCommand ? "pgctl" : current.Command.Name);
        }

        return string.Join(' ', names);
    }
}
