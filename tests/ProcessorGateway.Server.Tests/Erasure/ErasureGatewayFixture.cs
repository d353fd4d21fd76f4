using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProcessorGateway.Core.Erasure;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Erasure;

/// <summary>
/// A gateway whose erasure clock is a fake fixed at <see cref="ReceiptTime"/> (tokens and caches keep the
/// real clock), with fast erasure and outbox jobs and e-mail going to an SMTP sink on loopback. Not sealed:
/// <see cref="ManualErasureJobFixture"/> slows the erasure job down so that a test drives it, and
/// <see cref="RequesterGatewayFixture"/> gives up on messages and destroys addresses within a test.
/// </summary>
public class ErasureGatewayFixture : GatewayFixture
{
    /// <summary>A Friday.</summary>
    public static readonly DateTimeOffset ReceiptTime = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    public ErasureGatewayFixture()
    {
        Smtp = SmtpSink.Start();
    }

    public FakeTimeProvider Clock { get; } = new(ReceiptTime);

    public SmtpSink Smtp { get; }

    /// <summary>The grace period after verification before a part executes by itself.</summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromHours(2);

    /// <summary>How often the erasure job runs by itself.</summary>
    protected virtual string JobInterval => "00:00:00.200";

    /// <summary>The erasure job every <see cref="JobInterval"/>, the outbox every 200 ms, and e-mail to the sink without TLS.</summary>
    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Gateway:Erasure:JobInterval"] = JobInterval,
        ["Gateway:Erasure:GracePeriod"] = GracePeriod.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        ["Gateway:Erasure:Lease"] = "00:00:30",
        ["Gateway:Notifications:Interval"] = "00:00:00.200",
        ["Gateway:Notifications:FirstRetry"] = "00:00:01",
        ["Gateway:Notifications:Smtp:Host"] = "127.0.0.1",
        ["Gateway:Notifications:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Gateway:Notifications:Smtp:RequireTls"] = "false",
        ["Gateway:Notifications:Smtp:From"] = "gateway@school.test",
    };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton(new ErasureClock(Clock));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
