using System.Text.Json;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Erasure;

/// <summary>pgctl's erasure and receipt commands against a real gateway, as an operator with real tokens.</summary>
public sealed class PgctlErasureTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>, IDisposable
{
    private readonly GrpcTestClients _operator = new(gateway.Channel);
    private readonly string _directory = Directory.CreateTempSubdirectory("pgctl-erasure-").FullName;

    [Fact]
    public async Task Pgctl_requests_verifies_lists_and_shows_an_erasure_and_verifies_its_receipt_against_the_published_keys()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_operator);
        string[] common = ["--credentials", WriteCredentials(tenant), "--operator", "--json"];

        var requested = await RunAsync([.. common, "erasure", "request", "--tenant", tenant, "--subject", "subj-cli", "--reason", "asked by the parent"]);
        Assert.Equal(0, requested.ExitCode);
        var id = JsonDocument.Parse(requested.Output).RootElement.GetProperty("request_id").GetString()!;
        var verified = await RunAsync([.. common, "erasure", "verify", "--tenant", tenant, id, "--note", "identity checked against the enrolment record"]);
        var listed = await RunAsync([.. common, "erasure", "list", "--tenant", tenant, "--state", "verified"]);
        var shownAsText = await RunAsync(["--credentials", WriteCredentials(tenant), "--operator", "erasure", "show", "--tenant", tenant, id]);
        var withoutNote = await RunAsync([.. common, "erasure", "verify", "--tenant", tenant, id]);
        await _operator.Erasure.ExecuteErasureAsync(new ExecuteErasureRequest { TenantId = tenant, RequestId = id }).Within();
        var receiptFile = Path.Combine(_directory, "receipt.jws");
        var shown = await RunAsync([.. common, "erasure", "show", "--tenant", tenant, id, "--receipt-out", receiptFile]);
        var valid = await RunAsync(["--credentials", WriteCredentials(tenant), "--operator", "receipt", "verify", receiptFile]);

        Assert.Equal(0, verified.ExitCode);
        Assert.Contains("ERASURE_STATE_VERIFIED", verified.Output, StringComparison.Ordinal);
        Assert.Contains("identity checked against the enrolment record", verified.Output, StringComparison.Ordinal);
        Assert.Contains(id, listed.Output, StringComparison.Ordinal);
        Assert.True(shownAsText.ExitCode == 0, shownAsText.Error);
        Assert.Contains($"by {GatewayFixture.OperatorClientId}: identity checked against the enrolment record", shownAsText.Output, StringComparison.Ordinal);
        Assert.Contains("personal part", shownAsText.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, withoutNote.ExitCode);
        Assert.Contains("--note", withoutNote.Error, StringComparison.Ordinal);
        Assert.Equal(0, shown.ExitCode);
        Assert.Contains("ERASURE_STATE_EXECUTED", shown.Output, StringComparison.Ordinal);
        Assert.True(valid.ExitCode == 0, valid.Error);
        Assert.Contains("valid: signed by key", valid.Output, StringComparison.Ordinal);
        Assert.Contains("subj-cli", valid.Output, StringComparison.Ordinal);

        // One character of the payload changed: the signature no longer holds.
        var parts = (await File.ReadAllTextAsync(receiptFile)).Split('.');
        var forged = Path.Combine(_directory, "forged.jws");
        await File.WriteAllTextAsync(forged, $"{parts[0]}.{(parts[1][5] == 'A' ? parts[1].Remove(5, 1).Insert(5, "B") : parts[1].Remove(5, 1).Insert(5, "A"))}.{parts[2]}");
        var invalid = await RunAsync(["--credentials", WriteCredentials(tenant), "--operator", "receipt", "verify", forged]);
        var invalidJson = await RunAsync([.. common, "receipt", "verify", forged]);
        var validJson = await RunAsync([.. common, "receipt", "verify", receiptFile]);
        Assert.Equal(10, invalid.ExitCode);
        Assert.Equal(10, invalidJson.ExitCode);
        Assert.Empty(invalidJson.Output);
        var error = JsonDocument.Parse(invalidJson.Error).RootElement.GetProperty("error");
        Assert.Equal("VERIFICATION_FAILED", error.GetProperty("code").GetString());
        Assert.StartsWith("the receipt does not verify with the keys at", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(validJson.ExitCode == 0, validJson.Error);
        var receipt = JsonDocument.Parse(validJson.Output).RootElement;
        Assert.True(receipt.GetProperty("valid").GetBoolean());
        Assert.Contains("subj-cli", receipt.GetProperty("claims").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pgctl_erasure_list_pages_with_the_token_each_page_prints()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_operator);
        string[] common = ["--credentials", WriteCredentials(tenant), "--operator"];
        var ids = new List<string>();
        foreach (var subject in new[] { "subj-page-1", "subj-page-2", "subj-page-3" })
        {
            var requested = await RunAsync([.. common, "--json", "erasure", "request", "--tenant", tenant, "--subject", subject, "--reason", "asked by the parent"]);
            Assert.True(requested.ExitCode == 0, requested.Error);
            ids.Add(JsonDocument.Parse(requested.Output).RootElement.GetProperty("request_id").GetString()!);
        }

        var first = await RunAsync([.. common, "erasure", "list", "--tenant", tenant, "--page-size", "2"]);
        Assert.True(first.ExitCode == 0, first.Error);
        var footer = first.Output.TrimEnd().Split('\n')[^1];
        Assert.StartsWith("2 requests; next page: --page-token ", footer, StringComparison.Ordinal);
        var token = footer["2 requests; next page: --page-token ".Length..];
        var second = await RunAsync([.. common, "erasure", "list", "--tenant", tenant, "--page-size", "2", "--page-token", token]);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.EndsWith("1 request; last page", second.Output.TrimEnd(), StringComparison.Ordinal);

        // Oldest first, each request on exactly one page.
        var listed = (first.Output + second.Output).Split('\n').Select(l => l.Split(' ')[0]).Where(ids.Contains).ToList();
        Assert.Equal(ids, listed);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WriteCredentials(string tenant) =>
        PgctlRunner.WriteCredentials(_directory, gateway, tenant, GatewayFixture.OperatorClientId, GatewayFixture.OperatorSecret);

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args) => PgctlRunner.RunAsync(args);
}
