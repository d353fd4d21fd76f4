using Google.Protobuf.WellKnownTypes;
using ProcessorGateway.Core.Clients;
using Proto = ProcessorGateway.Contracts.V1;

namespace ProcessorGateway.Server.Tenants;

internal static class ClientMapper
{
    public static Proto.OAuthClient ToProto(OAuthClient client) => new()
    {
        ClientId = client.ClientId,
        TenantId = client.TenantId ?? string.Empty,
        DisplayName = client.DisplayName,
        Scopes = { client.Scopes },
        Purposes = { client.Purposes },
        Revoked = client.Revoked,
        CreatedAt = Timestamp.FromDateTimeOffset(client.CreatedAt),
        SecretRotatedAt = Timestamp.FromDateTimeOffset(client.SecretRotatedAt),
        PublicKeySha256 = client.PublicKeyPem is null ? string.Empty : ClientPublicKeys.Fingerprint(client.PublicKeyPem),
    };

    public static Proto.ClientCredentials ToProto(RegisteredClient registered) => new()
    {
        Client = ToProto(registered.Client),
        ClientSecret = registered.Secret,
    };
}
