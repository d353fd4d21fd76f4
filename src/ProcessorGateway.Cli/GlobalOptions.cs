using System.CommandLine;

namespace ProcessorGateway.Cli;

/// <summary>Options every command takes: where the gateway is, who is calling, and how to print.</summary>
internal sealed class GlobalOptions
{
    public Option<string> Credentials { get; } = new("--credentials")
    {
        Description = $"The development credentials file scripts/run.sh writes. Default: {ProcessorGateway.Client.DevelopmentCredentials.DefaultPath}, looked for in this directory and its parents.",
        HelpName = "path",
        Recursive = true,
    };

    public Option<bool> Operator { get; } = new("--operator")
    {
        Description = "Act as the operator client of the credentials file (tenants.admin across tenants) instead of the tenant client.",
        Recursive = true,
    };

    public Option<string> Address { get; } = new("--address")
    {
        Description = "The gateway's gRPC address, e.g. https://gateway.example:443. Cleartext http:// only for loopback.",
        HelpName = "uri",
        Recursive = true,
    };

    public Option<string> TokenEndpoint { get; } = new("--token-endpoint")
    {
        Description = "The OAuth token endpoint, e.g. https://gateway.example/connect/token.",
        HelpName = "uri",
        Recursive = true,
    };

    public Option<string> ClientId { get; } = new("--client-id")
    {
        Description = $"The OAuth client to act as. Its secret is read from the environment variable {ConnectionSettings.SecretVariable}: never from the command line, where the process list and shell history would show it.",
        Recursive = true,
    };

    public Option<string> PrivateKey { get; } = new("--private-key")
    {
        Description = $"With --client-id: a PEM file with the client's private key, for a client registered with its public key (private_key_jwt; how operators log in outside Development). Default: the path in {ConnectionSettings.PrivateKeyVariable}. Without either, the secret in {ConnectionSettings.SecretVariable} is used.",
        HelpName = "path",
        Recursive = true,
    };

    public Option<int> TimeoutSeconds { get; } = new("--timeout")
    {
        Description = "Seconds a call may take before it is abandoned.",
        HelpName = "seconds",
        DefaultValueFactory = _ => 30,
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print results as JSON (the protobuf JSON mapping, with the snake_case field names of the .proto files) and a failure as one JSON object on stderr.",
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        root.Add(Credentials);
        root.Add(Operator);
        root.Add(Address);
        root.Add(TokenEndpoint);
        root.Add(ClientId);
        root.Add(PrivateKey);
        root.Add(TimeoutSeconds);
        root.Add(Json);
        TimeoutSeconds.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 3600)
            {
                result.AddError("--timeout must be 1-3600 seconds.");
            }
        });
    }
}
