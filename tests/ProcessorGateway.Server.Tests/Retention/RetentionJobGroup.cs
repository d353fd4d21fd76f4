namespace ProcessorGateway.Server.Tests.Retention;

/// <summary>
/// The retention test classes run one after another, never beside each other: the job's metrics are process-wide,
/// so a class that counts what a pass expired must not see another class's passes. Each class keeps its own gateway.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RetentionJobGroup
{
    public const string Name = "Retention job";
}
