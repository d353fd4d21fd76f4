using System.Text.Json;

namespace ProcessorGateway.Client;

/// <summary>
/// The development gateway's address and clients, as <c>scripts/run.sh</c> writes them to
/// <c>.dev/dev-credentials.json</c>. For development tools only: a real deployment keeps secrets in a secret store.
/// </summary>
public sealed class DevelopmentCredentials
{
    /// <summary>Where <c>scripts/run.sh</c> writes the file, relative to the repository root.</summary>
    public const string DefaultPath = ".dev/dev-credentials.json";

    private readonly DevelopmentCredentialsDocument _document;
    private readonly string _path;

    private DevelopmentCredentials(DevelopmentCredentialsDocument document, string path, Uri grpcAddress, Uri? tokenEndpoint)
    {
        _document = document;
        _path = path;
        GrpcAddress = grpcAddress;
        TokenEndpoint = tokenEndpoint;
    }

    public Uri GrpcAddress { get; }

    /// <summary>Null while the gateway that wrote the file has no token endpoint.</summary>
    public Uri? TokenEndpoint { get; }

    /// <summary>The development tenant, e.g. <c>dev-school</c>.</summary>
    public string? TenantId => _document.TenantId;

    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not valid credentials JSON.</exception>
    public static DevelopmentCredentials Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = Open(path);
        return Parse(Deserialize(path, () => JsonSerializer.Deserialize(stream, ClientJsonContext.Default.DevelopmentCredentialsDocument)), path);
    }

    /// <inheritdoc cref="Load(string)"/>
    public static async Task<DevelopmentCredentials> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = Open(path);
        await using (stream.ConfigureAwait(false))
        {
            DevelopmentCredentialsDocument? document;
            try
            {
                document = await JsonSerializer.DeserializeAsync(stream, ClientJsonContext.Default.DevelopmentCredentialsDocument, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                throw NotJson(path, ex);
            }

            return Parse(document, path);
        }
    }

    /// <summary>
    /// Options for the chosen client. Cleartext is allowed because the development gateway listens on loopback only;
    /// the validator still refuses a cleartext address that is not loopback.
    /// </summary>
    /// <exception cref="InvalidDataException">The file has no token endpoint or no credentials for that client yet.</exception>
    public GatewayClientOptions ToClientOptions(DevelopmentClient client = DevelopmentClient.Tenant)
    {
        var (idKey, secretKey, id, secret) = client == DevelopmentClient.Operator
            ? ("operator_client_id", "operator_client_secret", _document.OperatorClientId, _document.OperatorClientSecret)
            : ("client_id", "client_secret", _document.ClientId, _document.ClientSecret);
        var tokenEndpoint = TokenEndpoint ?? throw Missing("token_endpoint");
        return new GatewayClientOptions
        {
            Address = GrpcAddress,
            TokenEndpoint = tokenEndpoint,
            ClientId = string.IsNullOrEmpty(id) ? throw Missing(idKey) : id,
            ClientSecret = string.IsNullOrEmpty(secret) ? throw Missing(secretKey) : secret,
            AllowInsecureLoopback = true,
        };
    }

    // Secrets stay out of string forms: this object may well end up in a log line.
    public override string ToString() => $"DevelopmentCredentials {{ GrpcAddress = {GrpcAddress}, TenantId = {TenantId} }}";

    private InvalidDataException Missing(string key) =>
        new($"{_path} has no {key}; it is written by a gateway that offers OAuth (scripts/run.sh): restart the gateway, or pass the connection settings explicitly.");

    private static FileStream Open(string path)
    {
        try
        {
            return File.OpenRead(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"No development credentials at {path}; scripts/run.sh writes them when it starts the gateway.", path, ex);
        }
    }

    private static DevelopmentCredentialsDocument? Deserialize(string path, Func<DevelopmentCredentialsDocument?> read)
    {
        try
        {
            return read();
        }
        catch (JsonException ex)
        {
            throw NotJson(path, ex);
        }
    }

    private static InvalidDataException NotJson(string path, JsonException ex) => new($"{path} is not valid JSON: {ex.Message}", ex);

    private static DevelopmentCredentials Parse(DevelopmentCredentialsDocument? document, string path)
    {
        if (document is null)
        {
            throw new InvalidDataException($"{path} is empty.");
        }

        var grpc = ParseUri(document.Grpc, "grpc", path) ?? throw new InvalidDataException($"{path} has no grpc address.");
        return new DevelopmentCredentials(document, path, grpc, ParseUri(document.TokenEndpoint, "token_endpoint", path));
    }

    private static Uri? ParseUri(string? text, string key, string path) =>
        string.IsNullOrEmpty(text) ? null
        : Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri
        : throw new InvalidDataException($"{path}: {key} '{text}' is not an absolute URI.");
}
