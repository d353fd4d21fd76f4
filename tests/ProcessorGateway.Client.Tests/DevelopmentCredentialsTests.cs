namespace ProcessorGateway.Client.Tests;

public sealed class DevelopmentCredentialsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pgctl-creds-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_FullFile_GivesTenantAndOperatorOptions()
    {
        var path = Write("""
            {
              "grpc": "http://127.0.0.1:5080",
              "token_endpoint": "http://127.0.0.1:5081/connect/token",
              "mongo": "mongodb://127.0.0.1:27017/test",
              "tenant_id": "dev-school",
              "client_id": "dev-school_app",
              "client_secret": "tenant-secret",
              "operator_client_id": "dev-operator",
              "operator_client_secret": "operator-secret"
            }
            """);

        var credentials = DevelopmentCredentials.Load(path);
        var tenant = credentials.ToClientOptions();
        var @operator = credentials.ToClientOptions(DevelopmentClient.Operator);

        Assert.Equal("dev-school", credentials.TenantId);
        Assert.Equal(new Uri("http://127.0.0.1:5080"), tenant.Address);
        Assert.Equal(new Uri("http://127.0.0.1:5081/connect/token"), tenant.TokenEndpoint);
        Assert.Equal(("dev-school_app", "tenant-secret"), (tenant.ClientId, tenant.ClientSecret));
        Assert.Equal(("dev-operator", "operator-secret"), (@operator.ClientId, @operator.ClientSecret));
        Assert.True(tenant.AllowInsecureLoopback);
        Assert.True(new GatewayClientOptionsValidator().Validate(null, tenant).Succeeded);
        Assert.DoesNotContain("secret", credentials.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_WrittenBeforeOAuth_NamesTheMissingKey()
    {
        var path = Write("""{"grpc": "http://127.0.0.1:5080", "token_endpoint": null, "tenant_id": "dev-school", "client_id": null}""");

        var credentials = await DevelopmentCredentials.LoadAsync(path);
        var ex = Assert.Throws<InvalidDataException>(() => credentials.ToClientOptions());

        Assert.Contains("has no token_endpoint", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToClientOptions_NoOperatorClient_NamesTheMissingKey()
    {
        var path = Write("""{"grpc": "http://127.0.0.1:5080", "token_endpoint": "http://127.0.0.1:5081/connect/token", "client_id": "a", "client_secret": "b"}""");

        var ex = Assert.Throws<InvalidDataException>(() => DevelopmentCredentials.Load(path).ToClientOptions(DevelopmentClient.Operator));

        Assert.Contains("has no operator_client_id", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoFile_SaysWhatWritesIt()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => DevelopmentCredentials.Load(Path.Combine(_directory, "absent.json")));

        Assert.Contains("scripts/run.sh", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotJson_Refused()
    {
        var ex = Assert.Throws<InvalidDataException>(() => DevelopmentCredentials.Load(Write("grpc = 1")));

        Assert.Contains("is not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    private string Write(string json)
    {
        var path = Path.Combine(_directory, "dev-credentials.json");
        File.WriteAllText(path, json);
        return path;
    }
}
