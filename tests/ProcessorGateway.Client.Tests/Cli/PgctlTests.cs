using System.Net;
using System.Text.Json;
using ProcessorGateway.Cli;
using ProcessorGateway.Client.Tests.Support;

namespace ProcessorGateway.Client.Tests.Cli;

/// <summary>pgctl end to end against the fake gateway: real parsing, a real token, real gRPC calls.</summary>
public sealed class PgctlTests : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("pgctl-run-");
    private FakeGateway _gateway = null!;
    private string _credentials = null!;

    public async Task InitializeAsync()
    {
        _gateway = await FakeGateway.StartAsync();
        _credentials = Path.Combine(_directory.FullName, "dev-credentials.json");
        await File.WriteAllTextAsync(_credentials, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["grpc"] = _gateway.GrpcAddress.ToString(),
            ["token_endpoint"] = _gateway.TokenEndpoint.ToString(),
            ["tenant_id"] = "dev-school",
            ["client_id"] = FakeGateway.ClientId,
            ["client_secret"] = FakeGateway.ClientSecret,
        }));
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task TenantGet_PrintsTheTenantAsText()
    {
        var (code, output, error) = await RunAsync("tenant", "get", "dev-school");

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("tenant       dev-school", output, StringComparison.Ordinal);
        Assert.Contains("status       active", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenantGet_Json_PrintsProtobufJson()
    {
        var (code, output, _) = await RunAsync("tenant", "get", "dev-school", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("dev-school", json.RootElement.GetProperty("tenant_id").GetString());
        Assert.True(json.RootElement.TryGetProperty("data_key_version", out _), output);
        Assert.False(json.RootElement.TryGetProperty("tenantId", out _), output);
        Assert.Equal("TENANT_STATUS_ACTIVE", json.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task RecordPut_FieldsTypedBySchema_ServerReceivesTypedValues()
    {
        var (code, output, error) = await RunAsync(
            "record", "put", "--tenant", "dev-school", "--collection", "students", "--id", "s-1", "--subject", "subj-1",
            "--purpose", "academic", "--field", "name=Ada", "--field", "year=7", "--field", "born=2012-05-01",
            "--field", "clubs=chess,drama", "--expected-version", "3", "--idempotency-key", "k-1");

        Assert.True(code == 0, error);
        Assert.Equal("written students/s-1, version 4", output.Trim());
        var put = _gateway.LastPut!;
        Assert.Equal(("dev-school", "students", "s-1", "subj-1", "academic"), (put.TenantId, put.Collection, put.RecordId, put.SubjectId, put.Purpose));
        Assert.Equal((3L, "k-1"), (put.ExpectedVersion, put.IdempotencyKey));
        Assert.Equal(7L, put.Fields["year"].Int64Value);
        Assert.Equal(["chess", "drama"], put.Fields["clubs"].StringListValue.Values);
        Assert.Equal(new DateTime(2012, 5, 1, 0, 0, 0, DateTimeKind.Utc), put.Fields["born"].TimestampValue.ToDateTime());
    }

    [Fact]
    public async Task RecordPut_BadValue_UsageErrorAndNothingWritten()
    {
        var (code, _, error) = await RunAsync(
            "record", "put", "--tenant", "dev-school", "--collection", "students", "--id", "s-1", "--purpose", "academic", "--field", "year=seven");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("error: field 'year' is int64, and 'seven' is not a whole number such as 42.", error.Trim());
        Assert.Null(_gateway.LastPut);
    }

    [Fact]
    public async Task RecordPut_UnknownCollection_PrintsStatusAndExitsNotFound()
    {
        var (code, _, error) = await RunAsync(
            "record", "put", "--tenant", "dev-school", "--collection", "nope", "--id", "s-1", "--purpose", "academic");

        Assert.Equal(ExitCodes.NotFound, code);
        Assert.Equal("error: NotFound: collection 'nope' not found", error.Trim());
    }

    [Fact]
    public async Task RecordPut_ServerRefusesFields_PrintsEachViolationOnce()
    {
        var (code, _, error) = await RunAsync(
            "record", "put", "--tenant", "dev-school", "--collection", "students", "--id", "refused", "--purpose", "academic", "--field", "year=0");

        Assert.Equal(ExitCodes.InvalidArgument, code);
        Assert.Equal(
            ["error: InvalidArgument: fields.year: must be at least 1", "  fields.name: is required by the collection schema"],
            error.TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public async Task AnyCommand_ClientRefused_AuthenticationExitCodeAndNoSecret()
    {
        _gateway.Refusal = (HttpStatusCode.Unauthorized, """{"error":"invalid_client","error_description":"client revoked"}""");

        var (code, output, error) = await RunAsync("tenant", "get", "dev-school");

        Assert.Equal(ExitCodes.Authentication, code);
        Assert.Empty(output);
        Assert.StartsWith("error: authentication: The token endpoint refused client 'test-client': invalid_client (client revoked)", error, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeGateway.ClientSecret, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingRequiredOption_UsageErrorWithoutCallingTheGateway()
    {
        var (code, _, error) = await RunAsync("record", "get", "--tenant", "dev-school", "--collection", "students", "--id", "s-1");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--purpose", error, StringComparison.Ordinal);
        Assert.Contains("Run 'pgctl record get --help' for usage.", error, StringComparison.Ordinal);
        Assert.Equal(0, _gateway.TokenRequests);
    }

    [Fact]
    public async Task ClientRegister_NeitherTenantNorCrossTenant_Refused()
    {
        var (code, _, error) = await RunAsync("client", "register", "--name", "sync", "--scope", "records.read");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("exactly one of --tenant <id> and --cross-tenant", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientRegister_UnknownScope_Refused()
    {
        var (code, _, error) = await RunAsync("client", "register", "--tenant", "t", "--name", "sync", "--scope", "records.raed");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("records.raed", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ClientRegister_ScopesAndPurposesTakeSeveralValues()
    {
        var parsed = Pgctl.Create().Parse(["client", "register", "--tenant", "t", "--name", "n", "--scope", "records.read", "records.write", "--purpose", "fees", "attendance"]);

        Assert.Empty(parsed.Errors);
        Assert.Equal(["records.read", "records.write"], parsed.GetValue<string[]>("--scope")!);
        Assert.Equal(["fees", "attendance"], parsed.GetValue<string[]>("--purpose")!);
    }

    [Fact]
    public void Help_NeverOffersASecretOption()
    {
        var options = Pgctl.Create().Subcommands.SelectMany(Flatten).SelectMany(c => c.Options).Concat(Pgctl.Create().Options);

        Assert.DoesNotContain(options, o => o.Name.Contains("secret", StringComparison.OrdinalIgnoreCase));
    }

    private static IEnumerable<System.CommandLine.Command> Flatten(System.CommandLine.Command command) =>
        command.Subcommands.SelectMany(Flatten).Prepend(command);

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Pgctl.RunAsync(["--credentials", _credentials, .. args], output, error).Bounded();
        return (code, output.ToString(), error.ToString());
    }
}
