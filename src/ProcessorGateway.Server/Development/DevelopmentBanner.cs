namespace ProcessorGateway.Server.Development;

/// <summary>
/// What the developer sees once the development gateway is ready: where it listens, who the development clients are,
/// where their secrets are and how to use them. Never a secret: those are only in the credentials file.
/// </summary>
internal static class DevelopmentBanner
{
    public const string ReadyLine = "ProcessorGateway (development) is ready.";

    public static string Format(DevelopmentCredentials credentials, string? credentialsPath)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var where = $"""

            {ReadyLine}
              gRPC (HTTP/2, plaintext, loopback):            {credentials.Grpc}
              token endpoint (HTTP/1.1, client credentials): {credentials.TokenEndpoint}
              JSON and gRPC-Web (HTTP/1.1, docs/http-api.md): {credentials.Http}
              development tenant:                            {credentials.TenantId} (every education template)
              tenant client:                                 {credentials.ClientId} (every purpose; every scope but tenants.admin)
              operator client:                               {credentials.OperatorClientId} (every scope, across tenants)

            """;
        if (credentialsPath is null)
        {
            return where + """
                  credentials file:                              not written (set Gateway__Dev__CredentialsPath); the client
                    secrets are new on every start and never printed, so this run's cannot be used.

                """;
        }

        return where + $"""
              credentials file (mode 0600):                  {credentialsPath}
                The client secrets are in that file only, and new on every start.

              pgctl finds the file by itself from the repository or any folder below it (or give --credentials <path>):
                pgctl schema list --tenant {credentials.TenantId}
                pgctl --operator tenant get {credentials.TenantId}
              curl gets a token with the tenant client's id and secret from the file (jq reads it):
                curl -s -u "$(jq -r '.client_id + ":" + .client_secret' "{credentialsPath}")" -d grant_type=client_credentials {credentials.TokenEndpoint}
                and sends it on each call as the header  authorization: Bearer <access_token>

            """;
    }
}
