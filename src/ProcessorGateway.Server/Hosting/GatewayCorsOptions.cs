using ProcessorGateway.Core.Configuration;

namespace ProcessorGateway.Server.Hosting;

/// <summary>
/// Bound from <c>Gateway:Cors</c>: which browser origins may call the gateway (gRPC-Web and JSON) from a
/// page of theirs. Closed by default: with no origins listed, no CORS headers are sent and browsers refuse
/// every cross-origin call. Calls from servers and command-line tools do not involve CORS at all.
/// </summary>
public sealed class GatewayCorsOptions
{
    public const string SectionName = GatewaySections.Cors;

    /// <summary>
    /// Exact origins, e.g. <c>https://app.school.example</c>: scheme, host and port, no path, no wildcard
    /// (a wildcard would let any page that obtained a token call the gateway). https only, except
    /// <c>http://localhost</c> and loopback addresses in Development.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>How long a browser may cache a preflight answer; 0 to 24 hours.</summary>
    public TimeSpan PreflightMaxAge { get; set; } = TimeSpan.FromMinutes(10);
}
