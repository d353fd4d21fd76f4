using ProcessorGateway.Core.Configuration;

namespace ProcessorGateway.Server.Hosting;

/// <summary>Bound from <c>Gateway:Shutdown</c>.</summary>
public sealed class ShutdownOptions
{
    public const string SectionName = GatewaySections.Shutdown;

    /// <summary>How long in-flight calls and background jobs get to finish after SIGTERM.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(25);
}
