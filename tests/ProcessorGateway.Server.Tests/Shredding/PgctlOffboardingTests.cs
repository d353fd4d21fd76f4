using System.Text.Json;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Shredding;

/// <summary>pgctl's <c>tenant offboarding</c> commands against a real gateway, as two operator clients with real tokens.</summary>
public sealed class PgctlOffboardingTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>, IDisposable
{
    private readonly GrpcTestClients _operator = new(gateway.Channel);
    private readonly string _directory = Directory.CreateTempSubdirectory("pgctl-offboarding-").FullName;

    [Fact]
    public async Task Pgctl_asks_as_one_operator_is_refused_approving_as_it_and_a_second_operator_approves_naming_both()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_operator);
        var second = await _operator.Tenants.RegisterClientAsync(new RegisterClientRequest { DisplayName = "second operator", Scopes = { Scopes.TenantsAdmin } }).Within();
        var first = PgctlRunner.WriteCredentials(Folder("first"), gateway, tenant, GatewayFixture.OperatorClientId, GatewayFixture.OperatorSecret);
        var other = WriteOperatorCredentials(tenant, second.Client.ClientId, second.ClientSecret);

        var asked = await PgctlRunner.RunAsync(["--credentials", first, "--operator", "--json", "tenant", "offboarding", "request", tenant, "--reason", "contract ended"]);
        Assert.True(asked.ExitCode == 0, asked.Error);
        var id = JsonDocument.Parse(asked.Output).RootElement.GetProperty("request_id").GetString()!;
        var shown = await PgctlRunner.RunAsync(["--credentials", other, "--operator", "tenant", "offboarding", "show", tenant, id]);
        var self = await PgctlRunner.RunAsync(["--credentials", first, "--operator", "tenant", "offboarding", "approve", tenant, id]);
        var approved = await PgctlRunner.RunAsync(["--credentials", other, "--operator", "tenant", "offboarding", "approve", tenant, id]);

        Assert.True(shown.ExitCode == 0, shown.Error);
        Assert.Contains("pending", shown.Output, StringComparison.Ordinal);
        Assert.Contains($"by {GatewayFixture.OperatorClientId}", shown.Output, StringComparison.Ordinal);
        Assert.Equal(4, self.ExitCode);
        Assert.Contains("second, different operator", self.Error, StringComparison.Ordinal);
        Assert.True(approved.ExitCode == 0, approved.Error);
        Assert.Equal(GatewayFixture.OperatorClientId, Line(approved.Output, "requested by"));
        Assert.Equal(second.Client.ClientId, Line(approved.Output, "approved by"));
        Assert.Equal(TenantStatus.Shredded, (await _operator.Tenants.GetTenantAsync(new GetTenantRequest { TenantId = tenant }).Within()).Status);
    }

    /// <summary>The value of one labelled line of pgctl's text output.</summary>
    private static string Line(string output, string label) =>
        Assert.Single(output.Split('\n'), l => l.StartsWith(label + "  ", StringComparison.Ordinal))[label.Length..].Trim();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(_directory, name)).FullName;

    /// <summary>A credentials file whose operator is the second operator client.</summary>
    private string WriteOperatorCredentials(string tenant, string clientId, string secret)
    {
        var path = PgctlRunner.WriteCredentials(Folder("second"), gateway, tenant, clientId, secret);
        var json = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path))!;
        json["operator_client_id"] = clientId;
        json["operator_client_secret"] = secret;
        File.WriteAllText(path, JsonSerializer.Serialize(json));
        return path;
    }
}
