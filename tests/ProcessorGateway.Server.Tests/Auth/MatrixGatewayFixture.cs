using ProcessorGateway.Server.Tests.Subjects;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Auth;

/// <summary>
/// The matrix's gateway: its background key-rotation pass is held off, so the old key versions the
/// RotateTenantKey rows leave behind are not retired in the middle of a refused call's before/after
/// snapshot (which counts tenant A's keys). It names service providers, so their listing has something to show.
/// </summary>
public sealed class MatrixGatewayFixture : GatewayFixture
{
    protected override IDictionary<string, string?> Settings()
    {
        var settings = ServiceProviderGatewayFixture.ProviderSettings();
        settings["Gateway:KeyRotation:Interval"] = "1.00:00:00";
        return settings;
    }
}
