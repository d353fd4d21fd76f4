using ProcessorGateway.Client;

namespace ProcessorGateway.Cli;

/// <summary>
/// Turns the global options into client options: a credentials file (given, or found in this directory or a parent),
/// with explicit --address, --token-endpoint and --client-id over it. The secret for --client-id comes only from the
/// environment; a private key (private_key_jwt) from the file --private-key or the environment names.
/// </summary>
internal static class ConnectionSettings
{
    public const string SecretVariable = "PGCTL_CLIENT_SECRET";
    public const string PrivateKeyVariable = "PGCTL_PRIVATE_KEY";

    public static GatewayClientOptions Resolve(ConnectionArguments arguments, Func<string, string?> environment, string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Operator && arguments.ClientId is not null)
        {
            throw new CliUsageException("--operator picks the operator client of the credentials file; it cannot be combined with --client-id.");
        }

        var file = LoadCredentials(arguments, currentDirectory);
        if (arguments.Operator && file is null)
        {
            throw new CliUsageException("--operator needs a credentials file (--credentials).");
        }

        GatewayClientOptions options;
        if (file is not null && arguments.ClientId is null)
        {
            options = file.ToClientOptions(arguments.Operator ? DevelopmentClient.Operator : DevelopmentClient.Tenant);
        }
        else
        {
            // pgctl is also the development tool: cleartext is allowed, and the validator still refuses it beyond loopback.
            options = new GatewayClientOptions { Address = file?.GrpcAddress, TokenEndpoint = file?.TokenEndpoint, AllowInsecureLoopback = true };
        }

        if (arguments.Address is not null)
        {
            options.Address = ParseUri(arguments.Address, "--address");
        }

        if (arguments.TokenEndpoint is not null)
        {
            options.TokenEndpoint = ParseUri(arguments.TokenEndpoint, "--token-endpoint");
        }

        if (arguments.ClientId is not null)
        {
            options.ClientId = arguments.ClientId;
            SetCredential(options, arguments.PrivateKeyPath ?? environment(PrivateKeyVariable), environment);
        }
        else if (arguments.PrivateKeyPath is not null)
        {
            throw new CliUsageException("--private-key is the key of the client named by --client-id; pass both.");
        }

        if (options.Address is null)
        {
            throw new CliUsageException("No gateway address: pass --address, or --credentials with a file that has one.");
        }

        return options.TokenEndpoint is null
            ? throw new CliUsageException("No token endpoint: pass --token-endpoint, or --credentials with a file that has one.")
            : options;
    }

    /// <summary>The nearest <c>.dev/dev-credentials.json</c> from <paramref name="directory"/> upwards, or null.</summary>
    public static string? FindDefaultCredentials(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            var candidate = Path.Combine(current.FullName, DevelopmentCredentials.DefaultPath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>A private key when one is named (the client then has no secret), else the secret from the environment.</summary>
    private static void SetCredential(GatewayClientOptions options, string? privateKeyPath, Func<string, string?> environment)
    {
        if (!string.IsNullOrEmpty(privateKeyPath))
        {
            options.PrivateKeyPath = File.Exists(privateKeyPath)
                ? privateKeyPath
                : throw new CliUsageException($"--private-key (or {PrivateKeyVariable}) names '{privateKeyPath}', which does not exist.");
            options.ClientSecret = string.Empty;
            return;
        }

        options.ClientSecret = environment(SecretVariable) is { Length: > 0 } secret
            ? secret
            : throw new CliUsageException(
                $"--client-id needs the client's secret in the environment variable {SecretVariable}, or its private key: --private-key <path> or {PrivateKeyVariable}.");
    }

    private static DevelopmentCredentials? LoadCredentials(ConnectionArguments arguments, string currentDirectory)
    {
        if (arguments.CredentialsPath is not null)
        {
            return Load(arguments.CredentialsPath);
        }

        // With an explicit client, nothing is read implicitly: what is used is exactly what was typed.
        if (arguments.ClientId is not null)
        {
            return null;
        }

        var found = FindDefaultCredentials(currentDirectory) ?? throw new CliUsageException(
            $"No {DevelopmentCredentials.DefaultPath} here or in a parent directory (scripts/run.sh writes it). " +
            $"Pass --credentials <path>, or --address, --token-endpoint and --client-id with the secret in {SecretVariable}.");
        return Load(found);
    }

    private static DevelopmentCredentials Load(string path)
    {
        try
        {
            return DevelopmentCredentials.Load(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException)
        {
            throw new CliUsageException(ex.Message, ex);
        }
    }

    private static Uri ParseUri(string text, string option) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri)
            ? uri
            : throw new CliUsageException($"{option} '{text}' is not an absolute URI such as https://gateway.example:443.");
}
