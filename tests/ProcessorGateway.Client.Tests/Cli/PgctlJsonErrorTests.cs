using System.Net;
using System.Text.Json;
using ProcessorGateway.Cli;
using ProcessorGateway.Client.Tests.Support;

namespace ProcessorGateway.Client.Tests.Cli;

/// <summary>
/// With --json, a failure is one JSON object on one line of stderr, whatever failed, and stdout stays empty:
/// <c>{"error":{"code":...,"status":...,"message":...,"exit_code":...,"details":[...]}}</c>.
/// </summary>
public sealed class PgctlJsonErrorTests : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("pgctl-json-");
    private FakeGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await FakeGateway.StartAsync();

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task Gateway_refusal_is_its_status_with_the_bad_request_details_in_snake_case()
    {
        var (code, output, error) = await RunAsync(Credentials(_gateway.TokenEndpoint),
            "record", "put", "--tenant", "dev-school", "--collection", "students", "--id", "refused", "--purpose", "academic", "--field", "year=0");

        var failure = SingleError(error);
        Assert.Equal(ExitCodes.InvalidArgument, code);
        Assert.Empty(output);
        Assert.Equal("INVALID_ARGUMENT", failure.GetProperty("code").GetString());
        Assert.Equal(3, failure.GetProperty("status").GetInt32());
        Assert.Equal(ExitCodes.InvalidArgument, failure.GetProperty("exit_code").GetInt32());
        Assert.Equal("fields.year: must be at least 1", failure.GetProperty("message").GetString());
        var detail = Assert.Single(failure.GetProperty("details").EnumerateArray());
        Assert.Equal("type.googleapis.com/google.rpc.BadRequest", detail.GetProperty("@type").GetString());
        Assert.Equal(["fields.year", "fields.name"], detail.GetProperty("field_violations").EnumerateArray().Select(v => v.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task Not_found_is_exit_code_5_with_status_5()
    {
        var (code, _, error) = await RunAsync(Credentials(_gateway.TokenEndpoint),
            "record", "put", "--tenant", "dev-school", "--collection", "nope", "--id", "s-1", "--purpose", "academic");

        var failure = SingleError(error);
        Assert.Equal(ExitCodes.NotFound, code);
        Assert.Equal(("NOT_FOUND", 5), (failure.GetProperty("code").GetString(), failure.GetProperty("status").GetInt32()));
        Assert.Equal("collection 'nope' not found", failure.GetProperty("message").GetString());
        Assert.Empty(failure.GetProperty("details").EnumerateArray());
    }

    [Fact]
    public async Task Token_refusal_is_unauthenticated_with_the_oauth_error_and_never_the_secret()
    {
        _gateway.Refusal = (HttpStatusCode.Unauthorized, """{"error":"invalid_client","error_description":"client revoked"}""");

        var (code, output, error) = await RunAsync(Credentials(_gateway.TokenEndpoint), "tenant", "get", "dev-school");

        var failure = SingleError(error);
        Assert.Equal(ExitCodes.Authentication, code);
        Assert.Empty(output);
        Assert.Equal(("UNAUTHENTICATED", 16), (failure.GetProperty("code").GetString(), failure.GetProperty("status").GetInt32()));
        var info = Assert.Single(failure.GetProperty("details").EnumerateArray());
        Assert.Equal("type.googleapis.com/google.rpc.ErrorInfo", info.GetProperty("@type").GetString());
        Assert.Equal("invalid_client", info.GetProperty("reason").GetString());
        Assert.Equal("401", info.GetProperty("metadata").GetProperty("http_status").GetString());
        Assert.DoesNotContain(FakeGateway.ClientSecret, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_endpoint_that_does_not_answer_is_unavailable_so_a_script_retries()
    {
        var closed = new Uri($"http://127.0.0.1:{FreePort()}/connect/token");

        var (code, _, error) = await RunAsync(Credentials(closed), "tenant", "get", "dev-school");

        var failure = SingleError(error);
        Assert.Equal(ExitCodes.Unavailable, code);
        Assert.Equal(("UNAVAILABLE", 14), (failure.GetProperty("code").GetString(), failure.GetProperty("status").GetInt32()));
        Assert.StartsWith($"The token endpoint {closed} could not be reached", failure.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_error_is_code_usage_without_a_status_and_no_call_is_made()
    {
        var (code, output, error) = await RunAsync(Credentials(_gateway.TokenEndpoint), "record", "get", "--tenant", "dev-school", "--collection", "students", "--id", "s-1");

        var failure = SingleError(error);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(output);
        Assert.Equal("USAGE", failure.GetProperty("code").GetString());
        Assert.False(failure.TryGetProperty("status", out _));
        Assert.Contains("--purpose", failure.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, _gateway.TokenRequests);
    }

    [Fact]
    public async Task Missing_setting_found_after_parsing_is_a_usage_error_too()
    {
        var (code, _, error) = await RunAsync(Path.Combine(_directory.FullName, "absent.json"), "tenant", "get", "dev-school");

        var failure = SingleError(error);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("USAGE", failure.GetProperty("code").GetString());
        Assert.Contains("absent.json", failure.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    /// <summary>stderr is exactly one line, and that line is one JSON object with an "error" member.</summary>
    private static JsonElement SingleError(string error)
    {
        var line = Assert.Single(error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        return Assert.Single(json.RootElement.EnumerateObject(), p => p.Name == "error").Value.Clone();
    }

    private string Credentials(Uri tokenEndpoint)
    {
        var path = Path.Combine(_directory.FullName, $"credentials-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["grpc"] = _gateway.GrpcAddress.ToString(),
            ["token_endpoint"] = tokenEndpoint.ToString(),
            ["tenant_id"] = "dev-school",
            ["client_id"] = FakeGateway.ClientId,
            ["client_secret"] = FakeGateway.ClientSecret,
        }));
        return path;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string credentials, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Pgctl.RunAsync(["--credentials", credentials, "--json", .. args], output, error).Bounded();
        return (code, output.ToString(), error.ToString());
    }
}
