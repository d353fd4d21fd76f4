using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Audit;

/// <summary>pgctl's audit commands against a real gateway, as an operator with real tokens.</summary>
public sealed class PgctlAuditTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>, IDisposable
{
    private readonly GrpcTestClients _operator = new(gateway.Channel);
    private readonly string _directory = Directory.CreateTempSubdirectory("pgctl-audit-").FullName;

    [Fact]
    public async Task Pgctl_queries_a_chain_verifies_it_and_fails_with_exit_code_10_when_a_kept_head_is_no_longer_reached()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_operator);
        await _operator.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-cli", "Cli Pupil", "cli@example.org", DateTimeOffset.UnixEpoch)).Within();
        string[] common = ["--credentials", PgctlRunner.WriteCredentials(_directory, gateway, tenant, GatewayFixture.OperatorClientId, GatewayFixture.OperatorSecret), "--operator"];

        var queried = await PgctlRunner.RunAsync([.. common, "audit", "query", "--tenant", tenant, "--record", "stu-cli"]);
        var verified = await PgctlRunner.RunAsync([.. common, "--json", "audit", "verify", "--tenant", tenant]);
        var head = JsonDocument.Parse(verified.Output).RootElement;
        var sequence = long.Parse(head.GetProperty("head_sequence").GetString()!, CultureInfo.InvariantCulture);
        var kept = string.Create(CultureInfo.InvariantCulture, $"{sequence}:{head.GetProperty("head_hash").GetString()}");
        var stillReached = await PgctlRunner.RunAsync([.. common, "audit", "verify", "--tenant", tenant, "--expect-head", kept]);
        var beyond = await PgctlRunner.RunAsync([.. common, "audit", "verify", "--tenant", tenant, "--expect-head",
            string.Create(CultureInfo.InvariantCulture, $"{sequence + 1_000}:{head.GetProperty("head_hash").GetString()}")]);
        var malformed = await PgctlRunner.RunAsync([.. common, "audit", "verify", "--tenant", tenant, "--expect-head", "twelve"]);

        Assert.True(queried.ExitCode == 0, queried.Error);
        Assert.Contains("RecordService.PutRecord", queried.Output, StringComparison.Ordinal);
        Assert.True(verified.ExitCode == 0, verified.Error);
        Assert.True(head.GetProperty("intact").GetBoolean());
        Assert.True(stillReached.ExitCode == 0, stillReached.Error);
        Assert.Contains("intact", stillReached.Output, StringComparison.Ordinal);
        Assert.Equal(10, beyond.ExitCode);
        Assert.Contains("deleted from the end of the chain", beyond.Error, StringComparison.Ordinal);
        Assert.Equal(2, malformed.ExitCode);
        Assert.Contains("--expect-head must be SEQUENCE:HASH", malformed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pgctl_shows_the_count_and_reason_of_counted_refusals()
    {
        using var source = new LoopbackSource(gateway);
        for (var i = 0; i < 5; i++)
        {
            await source.RefusedGetAsync("garbage", AuditedCalls.NewTraceId());
        }

        await UnauthenticatedAuditTests.FlushAsync(gateway);
        string[] common = ["--credentials", PgctlRunner.WriteCredentials(_directory, gateway, "any", GatewayFixture.OperatorClientId, GatewayFixture.OperatorSecret), "--operator"];
        var queried = await PgctlRunner.RunAsync([.. common, "audit", "query", "--operator-chain", "--actor", "anonymous", "--page-size", "500"]);

        Assert.True(queried.ExitCode == 0, queried.Error);
        var lines = queried.Output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.EndsWith($" ip={source.Address}", StringComparison.Ordinal)).ToList();

        // The first at once (a count of 1 is not printed), the rest counted; the minute's own flush may split them once more.
        Assert.InRange(lines.Count, 2, 3);
        Assert.Contains(" RecordService.GetRecord Unauthenticated reason=invalid_token purpose=-", lines[0], StringComparison.Ordinal);
        Assert.All(lines.Skip(1), l => Assert.Matches(" RecordService.GetRecord Unauthenticated count=[0-9]+ reason=invalid_token purpose=-", l));
        Assert.Equal(5, lines.Sum(l => Regex.Match(l, " count=([0-9]+) ") is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 1));
    }

    [Fact]
    public async Task Pgctl_sets_and_shows_a_tenants_audit_retention_and_refuses_one_out_of_bounds()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_operator);
        string[] common = ["--credentials", PgctlRunner.WriteCredentials(_directory, gateway, tenant, GatewayFixture.OperatorClientId, GatewayFixture.OperatorSecret), "--operator"];

        var set = await PgctlRunner.RunAsync([.. common, "audit", "retention", "set", "--tenant", tenant, "--days", "730"]);
        var shown = await PgctlRunner.RunAsync([.. common, "audit", "retention", "show", "--tenant", tenant]);
        var refused = await PgctlRunner.RunAsync([.. common, "audit", "retention", "set", "--tenant", tenant, "--days", "20"]);

        Assert.True(set.ExitCode == 0, set.Error);
        Assert.True(shown.ExitCode == 0, shown.Error);
        Assert.Contains("730 days", shown.Output, StringComparison.Ordinal);
        Assert.Contains($"set by     {GatewayFixture.OperatorClientId} at ", shown.Output, StringComparison.Ordinal);
        Assert.Equal(7, refused.ExitCode);
        Assert.Contains("retention_days", refused.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
