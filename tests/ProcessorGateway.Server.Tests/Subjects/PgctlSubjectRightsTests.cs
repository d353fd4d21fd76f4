using System.Text.Json;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Subjects;

/// <summary>pgctl's export and subject commands against a real gateway, as the operator.</summary>
public sealed class PgctlSubjectRightsTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>, IDisposable
{
    private readonly GrpcTestClients _operator = new(gateway.Channel);
    private readonly string _directory = Directory.CreateTempSubdirectory("pgctl-rights-").FullName;

    [Fact]
    public async Task Pgctl_exports_a_subject_and_a_tenant_to_files_with_progress_and_manages_consents_and_opt_outs()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_operator);
        await _operator.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-1", "Ada Lovelace", "ada@example.org", DateTimeOffset.UnixEpoch)).Within();
        string[] common = ["--credentials", OperatorCredentials(), "--operator"];
        var subjectFile = Path.Combine(_directory, "subject.ndjson");
        var tenantFile = Path.Combine(_directory, "tenant.ndjson");

        var minor = await PgctlRunner.RunAsync([.. common, "subject", "minor", "--tenant", tenant, "--subject", "subj-stu-1", "--minor", "true"]);
        var consent = await PgctlRunner.RunAsync([.. common, "subject", "consent-grant", "--tenant", tenant, "--subject", "subj-stu-1", "--purpose", "academic",
            "--granted-by", "Grace Guardian", "--relationship", "parent", "--expires-in-days", "30"]);
        var optOut = await PgctlRunner.RunAsync([.. common, "subject", "opt-out", "--tenant", tenant, "--subject", "subj-stu-1", "--channel", "sms", "--category", "marketing"]);
        var subject = await PgctlRunner.RunAsync([.. common, "export", "subject", "--tenant", tenant, "--subject", "subj-stu-1", "--purpose", "administration", "-o", subjectFile]);
        var whole = await PgctlRunner.RunAsync([.. common, "export", "tenant", tenant, "-o", tenantFile]);

        Assert.True(minor.ExitCode == 0 && consent.ExitCode == 0 && optOut.ExitCode == 0, $"{minor.Error}{consent.Error}{optOut.Error}");
        Assert.Contains("Grace Guardian (parent)", consent.Output, StringComparison.Ordinal);
        Assert.Contains("opted out", optOut.Output, StringComparison.Ordinal);
        Assert.True(subject.ExitCode == 0, subject.Error);
        Assert.Contains("1/1 records", subject.Error, StringComparison.Ordinal);
        var lines = (await File.ReadAllLinesAsync(subjectFile)).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()).ToList();
        // One purpose line per standard purpose (the tenant registered none); legal holds and disclosures have none; the
        // access-history section lists the calls just made about this subject, between its section line and the trailer.
        var purposes = Core.Schemas.Purposes.Standard.Count;
        string[] opening = ["header", "record", "subject_profile", "consent", "communication_preference", .. Enumerable.Repeat("purpose", purposes), "section", "section", "section"];
        Assert.Equal(opening, lines.Take(opening.Length));
        Assert.Equal("trailer", lines[^1]);
        Assert.NotEmpty(lines.Skip(opening.Length).SkipLast(1));
        Assert.All(lines.Skip(opening.Length).SkipLast(1), l => Assert.Equal("access_event", l));
        Assert.True(whole.ExitCode == 0, whole.Error);
        Assert.Contains("Ada Lovelace", await File.ReadAllTextAsync(tenantFile), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string OperatorCredentials()
    {
        var path = Path.Combine(_directory, "operator.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["grpc"] = gateway.Address.ToString(),
            ["token_endpoint"] = gateway.TokenEndpoint.ToString(),
            ["operator_client_id"] = GatewayFixture.OperatorClientId,
            ["operator_client_secret"] = GatewayFixture.OperatorSecret,
        }));
        return path;
    }
}
