using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Subjects;

/// <summary>A gateway whose configuration names two service providers, as a deployment lists its SMTP relay and webhook host.</summary>
public sealed class ServiceProviderGatewayFixture : GatewayFixture
{
    public static IReadOnlyList<(string Name, string Purpose, string Location)> Providers { get; } =
    [
        ("Example Mail Relay Ltd", "delivers e-mail notifications to requesters", "smtp://relay.example:587"),
        ("Example Webhooks GmbH", "delivers erasure notifications to institutions' endpoints", "EU (Frankfurt)"),
    ];

    public static Dictionary<string, string?> ProviderSettings()
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < Providers.Count; i++)
        {
            settings[$"Gateway:ServiceProviders:{i}:Name"] = Providers[i].Name;
            settings[$"Gateway:ServiceProviders:{i}:Purpose"] = Providers[i].Purpose;
            settings[$"Gateway:ServiceProviders:{i}:Location"] = Providers[i].Location;
        }

        return settings;
    }

    protected override IDictionary<string, string?> Settings() => ProviderSettings();
}
