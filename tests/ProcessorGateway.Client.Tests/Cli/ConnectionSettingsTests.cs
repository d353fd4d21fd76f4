using ProcessorGateway.Cli;

namespace ProcessorGateway.Client.Tests.Cli;

public sealed class ConnectionSettingsTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("pgctl-settings-");
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void Resolve_NoOptions_FindsCredentialsInAParentDirectory()
    {
        WriteCredentials(_root.FullName);
        var nested = _root.CreateSubdirectory("src").CreateSubdirectory("deep");

        var options = Resolve(new ConnectionArguments(null, false, null, null, null), nested.FullName);

        Assert.Equal("dev-school_app", options.ClientId);
        Assert.Equal("tenant-secret", options.ClientSecret);
        Assert.Equal(new Uri("http://127.0.0.1:5080"), options.Address);
    }

    [Fact]
    public void Resolve_Operator_TakesTheOperatorClient()
    {
        var path = WriteCredentials(_root.FullName);

        var options = Resolve(new ConnectionArguments(path, true, null, null, null));

        Assert.Equal(("dev-operator", "operator-secret"), (options.ClientId, options.ClientSecret));
    }

    [Fact]
    public void Resolve_ExplicitClient_SecretOnlyFromEnvironment()
    {
        _environment[ConnectionSettings.SecretVariable] = "from-env";

        var options = Resolve(new ConnectionArguments(null, false, "https://gw.example", "https://gw.example/connect/token", "sync"));

        Assert.Equal(("sync", "from-env"), (options.ClientId, options.ClientSecret));
        Assert.Equal(new Uri("https://gw.example"), options.Address);
    }

    [Fact]
    public void Resolve_ExplicitClientWithoutSecretVariable_NamesTheVariable()
    {
        var ex = Assert.Throws<CliUsageException>(() => Resolve(new ConnectionArguments(null, false, "https://gw.example", "https://gw.example/connect/token", "sync")));

        Assert.Contains(ConnectionSettings.SecretVariable, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ExplicitClientWithPrivateKey_UsesTheKeyAndNoSecret()
    {
        _environment[ConnectionSettings.SecretVariable] = "from-env";
        var key = Path.Combine(_root.FullName, "operator.key.pem");
        File.WriteAllText(key, "a key file");

        var options = Resolve(new ConnectionArguments(null, false, "https://gw.example", "https://gw.example/connect/token", "ops", key));

        Assert.Equal(("ops", key, string.Empty), (options.ClientId, options.PrivateKeyPath, options.ClientSecret));
    }

    [Fact]
    public void Resolve_PrivateKeyFromTheEnvironment_WhenNoOptionNamesOne()
    {
        var key = Path.Combine(_root.FullName, "env.key.pem");
        File.WriteAllText(key, "a key file");
        _environment[ConnectionSettings.PrivateKeyVariable] = key;

        var options = Resolve(new ConnectionArguments(null, false, "https://gw.example", "https://gw.example/connect/token", "ops"));

        Assert.Equal(key, options.PrivateKeyPath);
    }

    [Fact]
    public void Resolve_MissingPrivateKeyFile_NamesIt()
    {
        var missing = Path.Combine(_root.FullName, "missing.pem");

        var ex = Assert.Throws<CliUsageException>(() => Resolve(new ConnectionArguments(null, false, "https://gw.example", "https://gw.example/connect/token", "ops", missing)));

        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_PrivateKeyWithoutClientId_Refused()
    {
        var path = WriteCredentials(_root.FullName);

        var ex = Assert.Throws<CliUsageException>(() => Resolve(new ConnectionArguments(path, false, null, null, null, "some.pem")));

        Assert.Contains("--client-id", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ExplicitClientWithoutTokenEndpoint_Refused()
    {
        _environment[ConnectionSettings.SecretVariable] = "from-env";

        var ex = Assert.Throws<CliUsageException>(() => Resolve(new ConnectionArguments(null, false, "https://gw.example", null, "sync")));

        Assert.StartsWith("No token endpoint", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_AddressOverridesTheFile()
    {
        var path = WriteCredentials(_root.FullName);

        var options = Resolve(new ConnectionArguments(path, false, "http://127.0.0.1:6000", null, null));

        Assert.Equal(new Uri("http://127.0.0.1:6000"), options.Address);
        Assert.Equal("dev-school_app", options.ClientId);
    }

    [Fact]
    public void Resolve_OperatorWithClientId_Refused()
    {
        Assert.Throws<CliUsageException>(() => Resolve(new ConnectionArguments(null, true, null, null, "sync")));
    }

    [Fact]
    public void Resolve_NothingFound_SaysWhatToPass()
    {
        var ex = Assert.Throws<CliUsageException>(() => Resolve(new ConnectionArguments(null, false, null, null, null)));

        Assert.Contains("--credentials", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_BadAddress_NamesTheOption()
    {
        var path = WriteCredentials(_root.FullName);

        var ex = Assert.Throws<CliUsageException>(() => Resolve(new ConnectionArguments(path, false, "127.0.0.1:5080", null, null)));

        Assert.StartsWith("--address '127.0.0.1:5080' is not an absolute URI", ex.Message, StringComparison.Ordinal);
    }

    private GatewayClientOptions Resolve(ConnectionArguments arguments, string? directory = null) =>
        ConnectionSettings.Resolve(arguments, name => _environment.GetValueOrDefault(name), directory ?? _root.FullName);

    private static string WriteCredentials(string directory)
    {
        var dev = Directory.CreateDirectory(Path.Combine(directory, ".dev"));
        var path = Path.Combine(dev.FullName, "dev-credentials.json");
        File.WriteAllText(path, """
            {"grpc": "http://127.0.0.1:5080", "token_endpoint": "http://127.0.0.1:5081/connect/token", "tenant_id": "dev-school",
             "client_id": "dev-school_app", "client_secret": "tenant-secret",
             "operator_client_id": "dev-operator", "operator_client_secret": "operator-secret"}
            """);
        return path;
    }
}
