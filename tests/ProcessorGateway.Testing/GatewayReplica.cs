namespace ProcessorGateway.Testing;

/// <summary>
/// One of several gateway replicas sharing the same MongoDB databases (and, when given, Redis): a
/// <see cref="GatewayFixture"/> whose databases are named by the caller instead of by its own class.
/// </summary>
public sealed class GatewayReplica(string database, IDictionary<string, string?> settings) : GatewayFixture(database)
{
    protected override IDictionary<string, string?> Settings() => settings;
}
