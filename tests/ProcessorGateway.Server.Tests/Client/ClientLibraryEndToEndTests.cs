using System.Text.Json;
using ProcessorGateway.Client;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Client;

/// <summary>The typed client library and pgctl against a real gateway, with real tokens from its token endpoint.</summary>
public sealed class ClientLibraryEndToEndTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>, IDisposable
{
    private readonly GrpcTestClients _operator = new(gateway.Channel);
    private readonly string _directory = Directory.CreateTempSubdirectory("pgctl-").FullName;

    [Fact]
    public async Task Typed_client_acquires_its_own_token_and_reads_back_what_it_wrote()
    {
        var (tenant, credentials) = await TenantWithClientAsync();
        using var connection = GatewayConnection.Create(new GatewayClientOptions
        {
            Address = gateway.Address,
            TokenEndpoint = gateway.TokenEndpoint,
            ClientId = credentials.Client.ClientId,
            ClientSecret = credentials.ClientSecret,
            AllowInsecureLoopback = true,
        });

        await connection.Records.PutRecordAsync(StudentRecords.Student(tenant, "stu-1", "Nia Brown", "nia@example.org", DateTimeOffset.UnixEpoch)).Within();
        var read = await connection.Records.GetRecordAsync(new GetRecordRequest { TenantId = tenant, Collection = "students", RecordId = "stu-1", Purpose = StudentRecords.Purpose }).Within();

        Assert.Equal("Nia Brown", read.Fields["full_name"].StringValue);
        var token = await connection.Tokens.GetTokenAsync(CancellationToken.None);
        Assert.Same(token, await connection.Tokens.GetTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Pgctl_puts_gets_and_queries_with_credentials_from_a_file()
    {
        var (tenant, credentials) = await TenantWithClientAsync();
        var file = WriteCredentials(tenant, credentials);
        string[] common = ["--credentials", file, "--json"];

        var put = await PgctlRunner.RunAsync([.. common, "record", "put", "--tenant", tenant, "--collection", "students", "--id", "stu-7", "--purpose", StudentRecords.Purpose,
            "--field", "full_name=Omar Haddad", "--field", "grade_level=8", "--field", "is_minor=false"]);
        var get = await PgctlRunner.RunAsync([.. common, "record", "get", "--tenant", tenant, "--collection", "students", "--id", "stu-7", "--purpose", StudentRecords.Purpose]);
        var query = await PgctlRunner.RunAsync([.. common, "record", "query", "--tenant", tenant, "--collection", "students", "--purpose", StudentRecords.Purpose,
            "--where", "full_name=omar haddad"]);
        var byName = await PgctlRunner.RunAsync([.. common, "record", "query", "--tenant", tenant, "--collection", "students", "--purpose", StudentRecords.Purpose,
            "--name", "full_name=OMA hadd"]);
        var denied = await PgctlRunner.RunAsync([.. common, "tenant", "create", "another-school", "--name", "Another School"]);

        Assert.Equal(0, put.ExitCode);
        Assert.Equal(0, get.ExitCode);
        var record = JsonDocument.Parse(get.Output).RootElement;
        Assert.Equal("Omar Haddad", record.GetProperty("fields").GetProperty("full_name").GetProperty("string_value").GetString());
        Assert.Equal("stu-7", record.GetProperty("record_id").GetString());
        Assert.Equal("8", record.GetProperty("fields").GetProperty("grade_level").GetProperty("string_value").GetString());
        Assert.Equal(0, query.ExitCode);
        Assert.Contains("stu-7", query.Output, StringComparison.Ordinal);
        Assert.Equal(0, byName.ExitCode);
        Assert.Contains("stu-7", byName.Output, StringComparison.Ordinal);
        Assert.Equal(4, denied.ExitCode);
        Assert.Empty(denied.Output);
        var error = JsonDocument.Parse(denied.Error).RootElement.GetProperty("error");
        Assert.Equal("PERMISSION_DENIED", error.GetProperty("code").GetString());
        Assert.Equal(7, error.GetProperty("status").GetInt32());
        Assert.Equal(4, error.GetProperty("exit_code").GetInt32());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Pgctl_rotates_a_tenant_key_shows_the_rotation_and_erases_a_subject()
    {
        var (tenant, credentials) = await TenantWithClientAsync();
        string[] common = ["--credentials", WriteCredentials(tenant, credentials), "--operator", "--json"];

        var rotated = await PgctlRunner.RunAsync([.. common, "key", "rotate", tenant]);
        var status = await PgctlRunner.RunAsync([.. common, "key", "status", tenant]);
        var erased = await PgctlRunner.RunAsync([.. common, "key", "erase-subject", "--tenant", tenant, "--subject", "subj-9", "--reason", "right to erasure"]);

        Assert.Equal(0, rotated.ExitCode);
        Assert.Contains("\"version\": 2", rotated.Output, StringComparison.Ordinal);
        Assert.Equal(0, status.ExitCode);
        Assert.Equal(0, erased.ExitCode);
        Assert.True(JsonDocument.Parse(erased.Output).RootElement.TryGetProperty("record_backups_age_out_by", out _), erased.Output);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<(string Tenant, ClientCredentials Credentials)> TenantWithClientAsync()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_operator);
        var credentials = await _operator.Tenants.RegisterClientAsync(new RegisterClientRequest
        {
            TenantId = tenant,
            DisplayName = "School app",
            Scopes = { "records.read", "records.write" },
            Purposes = { StudentRecords.Purpose },
        }).Within();
        return (tenant, credentials);
    }

    private string WriteCredentials(string tenant, ClientCredentials credentials) =>
        PgctlRunner.WriteCredentials(_directory, gateway, tenant, credentials.Client.ClientId, credentials.ClientSecret);

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args) => PgctlRunner.RunAsync(args);
}
