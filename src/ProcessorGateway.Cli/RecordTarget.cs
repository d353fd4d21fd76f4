using System.CommandLine;

namespace ProcessorGateway.Cli;

/// <summary>The options that say which records a record command is about, and why.</summary>
internal sealed class RecordTarget
{
    public Option<string> Tenant { get; } = new("--tenant") { Description = "The tenant.", Required = true };

    public Option<string> Collection { get; } = new("--collection") { Description = "The collection, e.g. students.", Required = true };

    public Option<string> RecordId { get; } = new("--id") { Description = "The record id.", Required = true };

    public Option<string> Purpose { get; } = new("--purpose")
    {
        Description = "Why the data is used: attendance, fees, academic, analytics, communication, support, ...",
        Required = true,
    };

    public void AddTo(Command command, bool withRecordId)
    {
        command.Add(Tenant);
        command.Add(Collection);
        if (withRecordId)
        {
            command.Add(RecordId);
        }

        command.Add(Purpose);
    }
}
