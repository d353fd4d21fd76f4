using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Http;

/// <summary>A gateway that lets one browser origin call it.</summary>
public sealed class CorsGatewayFixture : GatewayFixture
{
    public const string Origin = "http://localhost:5173";

    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Gateway:Cors:AllowedOrigins:0"] = Origin,
    };
}
