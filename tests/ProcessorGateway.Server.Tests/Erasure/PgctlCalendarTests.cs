using System.Text.Json;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Erasure;

/// <summary>pgctl's erasure calendar commands against a real gateway, as an operator with real tokens.</summary>
public sealed class PgctlCalendarTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>, IDisposable
{
    private readonly GrpcTestClients _operator = new(gateway.Channel);
    private readonly string _directory = Directory.CreateTempSubdirectory("pgctl-calendar-").FullName;

    [Fact]
    public async Task Pgctl_calendar_set_changes_only_what_it_is_given_and_show_prints_the_zone()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_operator);
        string[] common = ["--credentials", PgctlRunner.WriteCredentials(_directory, gateway, tenant, GatewayFixture.OperatorClientId, GatewayFixture.OperatorSecret),
            "--operator"];

        var first = await PgctlRunner.RunAsync([.. common, "erasure", "calendar", "set", "--tenant", tenant, "--weekend", "fri", "sat", "--holiday", "2026-12-25",
            "--institution-days", "40", "--age-of-majority", "16"]);
        var second = await PgctlRunner.RunAsync([.. common, "--json", "erasure", "calendar", "set", "--tenant", tenant, "--time-zone", "Asia/Kolkata",
            "--verification-days", "3"]);
        var shown = await PgctlRunner.RunAsync([.. common, "erasure", "calendar", "show", "--tenant", tenant]);
        var refused = await PgctlRunner.RunAsync([.. common, "erasure", "calendar", "set", "--tenant", tenant, "--time-zone", "Middle/Earth"]);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.True(second.ExitCode == 0, second.Error);
        var json = JsonDocument.Parse(second.Output).RootElement;
        Assert.Equal("Asia/Kolkata", json.GetProperty("time_zone").GetString());
        Assert.Equal(3, json.GetProperty("verification_period_business_days").GetInt32());
        Assert.Equal(40, json.GetProperty("institution_period_business_days").GetInt32());
        Assert.Equal(16, json.GetProperty("age_of_majority").GetInt32());
        Assert.Equal([5, 6], json.GetProperty("weekend_days").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Matches(@"(?m)^time zone +Asia/Kolkata$", shown.Output.ReplaceLineEndings("\n"));
        Assert.Matches(@"(?m)^holidays +2026-12-25$", shown.Output.ReplaceLineEndings("\n"));
        Assert.Matches(@"(?m)^age of majority +16 years$", shown.Output.ReplaceLineEndings("\n"));
        Assert.Equal(7, refused.ExitCode);
        Assert.Contains("time_zone", refused.Error, StringComparison.Ordinal);

        var stored = await _operator.Erasure.GetErasureCalendarAsync(new GetErasureCalendarRequest { TenantId = tenant }).Within();
        Assert.Equal("Asia/Kolkata", stored.TimeZone);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
