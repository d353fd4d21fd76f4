namespace ProcessorGateway.Server.Tests.Erasure;

/// <summary>
/// An erasure gateway for the requester's messages: two attempts before a message is given up, and a resend
/// window of seconds, so giving up and the destruction of an address after the window happen within a test.
/// </summary>
public sealed class RequesterGatewayFixture : ErasureGatewayFixture
{
    public static readonly TimeSpan ResendWindow = TimeSpan.FromSeconds(3);

    protected override IDictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Gateway:Notifications:FirstRetry"] = "00:00:00.200";
        settings["Gateway:Notifications:MaxRetry"] = "00:00:00.200";
        settings["Gateway:Notifications:MaxAttempts"] = "2";
        settings["Gateway:Notifications:ResendWindow"] = ResendWindow.ToString();
        return settings;
    }
}
