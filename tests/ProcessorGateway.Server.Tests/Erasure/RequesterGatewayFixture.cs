using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Erasure;

/// <summary>
/// A gateway for the requester's messages: a fake erasure clock, an SMTP sink on loopback that can refuse
/// addresses, two attempts before a message is given up, and a resend window of seconds, so giving up and
/// the destruction of an address after the window happen within a test.
/// </summary>
public sealed class RequesterGatewayFixture : GatewayFixture
{
    public static readonly TimeSpan ResendWindow = TimeSpan.FromSeconds(3);

    public RequesterGatewayFixture()
    {
        Smtp = SmtpSink.Start();
    }

    public FakeTimeProvider Clock { get; } = new(ErasureGatewayFixture.ReceiptTime);

    public SmtpSink Smtp { get; }

    protected override IDictionary<string, string?> Settings()
    {
        var settings = ErasureGatewayFixture.FastJobs(Smtp);
        settings["Gateway:Notifications:FirstRetry"] = "00:00:00.200";
        settings["Gateway:Notifications:MaxRetry"] = "00:00:00.200";
        settings["Gateway:Notifications:MaxAttempts"] = "2";
        settings["Gateway:Notifications:ResendWindow"] = ResendWindow.ToString();
        return settings;
    }

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton(new ErasureClock(Clock));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
