using System.Text.Json;
using ProcessorGateway.Cli;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Support;

/// <summary>Runs pgctl in-process against a test gateway, with a credentials file as scripts/run.sh writes it.</summary>
internal static class PgctlRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await Pgctl.RunAsync(args, output, error).WaitAsync(RpcAssert.Timeout);
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Writes <c>credentials.json</c> into <paramref name="directory"/>: the gateway's addresses, a tenant client and the operator.</summary>
    public static string WriteCredentials(string directory, GatewayFixture gateway, string tenant, string clientId, string clientSecret)
    {
        var path = Path.Combine(directory, "credentials.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["grpc"] = gateway.Address.ToString(),
            ["token_endpoint"] = gateway.TokenEndpoint.ToString(),
            ["mongo"] = TestServers.MongoConnectionString,
            ["tenant_id"] = tenant,
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
            ["operator_client_id"] = GatewayFixture.OperatorClientId,
            ["operator_client_secret"] = GatewayFixture.OperatorSecret,
        }));
        return path;
    }
}
