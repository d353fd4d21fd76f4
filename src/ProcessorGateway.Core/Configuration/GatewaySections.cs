namespace ProcessorGateway.Core.Configuration;

/// <summary>
/// Every configuration section of the gateway server, by its full path, all under the one root
/// <see cref="Root"/> (as environment variables: <c>Gateway__Mongo__ConnectionString</c> and so on). Each
/// options class takes its section from here and is bound once, at start-up, with validation.
/// The client library's <c>ProcessorGateway:Client</c> belongs to the programs that use it, not to the server.
/// </summary>
public static class GatewaySections
{
    public const string Root = "Gateway";

    public const string Mongo = Root + ":Mongo";
    public const string Redis = Root + ":Redis";
    public const string Metrics = Root + ":Metrics";
    public const string Audit = Root + ":Audit";
    public const string Listen = Root + ":Listen";
    public const string Auth = Root + ":Auth";
    public const string Dev = Root + ":Dev";
    public const string Erasure = Root + ":Erasure";
    public const string KeyRing = Root + ":KeyRing";
    public const string KeyRotation = Root + ":KeyRotation";
    public const string KeyCache = Root + ":KeyCache";
    public const string MetadataCache = Root + ":MetadataCache";
    public const string Notifications = Root + ":Notifications";
    public const string Offboarding = Root + ":Offboarding";
    public const string Purge = Root + ":Purge";
    public const string Retention = Root + ":Retention";
    public const string Shutdown = Root + ":Shutdown";
    public const string Backups = Root + ":Backups";
    public const string Cors = Root + ":Cors";
    public const string ServiceProviders = Root + ":ServiceProviders";
    public const string RateLimits = Root + ":RateLimits";

    /// <summary>The environment variable that sets a configuration path (<c>Gateway:Mongo:Database</c> is <c>Gateway__Mongo__Database</c>).</summary>
    public static string EnvironmentVariable(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Replace(":", "__", StringComparison.Ordinal);
    }
}
