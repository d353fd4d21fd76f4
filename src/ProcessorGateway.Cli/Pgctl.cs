using System.CommandLine;
using System.CommandLine.Parsing;

namespace ProcessorGateway.Cli;

/// <summary>The command tree, and the one place parse errors become an exit code.</summary>
internal static class Pgctl
{
    public static RootCommand Create()
    {
        var global = new GlobalOptions();
        var root = new RootCommand("pgctl: administer a ProcessorGateway and read and write its records.");
        global.AddTo(root);
        root.Add(TenantCommands.Create(global));
        root.Add(ClientCommands.Create(global));
        root.Add(RecordCommands.Create(global));
        root.Add(KeyCommands.Create(global));
        root.Add(SubjectRightsCommands.CreateExport(global));
        root.Add(SubjectRightsCommands.CreateSubject(global));
        root.Add(ErasureCommands.Create(global));
        root.Add(ReceiptCommands.Create(global));
        root.Add(AuditCommands.Create(global));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var parsed = Create().Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // Reported here rather than by System.CommandLine, so a usage error has its own exit code and one style.
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync($"error: {parseError.Message}").ConfigureAwait(false);
            }

            await error.WriteLineAsync($"Run '{CommandPath(parsed.CommandResult)} --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }).ConfigureAwait(false);
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
