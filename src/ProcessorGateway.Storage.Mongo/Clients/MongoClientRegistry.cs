using MongoDB.Driver;
using ProcessorGateway.Core.Clients;

namespace ProcessorGateway.Storage.Mongo.Clients;

internal sealed class MongoClientRegistry(MongoContext context) : IClientRegistry
{
    public Task<bool> TryInsertAsync(OAuthClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return MongoErrors.TryInsertAsync(context.ClientCollection, new ClientDocument
        {
            Id = client.ClientId,
            TenantId = client.TenantId,
            DisplayName = client.DisplayName,
            Scopes = [.. client.Scopes],
            Purposes = [.. client.Purposes],
            SecretHash = client.SecretHash,
            Revoked = client.Revoked,
            CreatedAt = client.CreatedAt.UtcDateTime,
            SecretRotatedAt = client.SecretRotatedAt.UtcDateTime,
            PublicKeyPem = client.PublicKeyPem,
        }, cancellationToken);
    }

    public Task<OAuthClient?> FindAsync(string clientId, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            var document = await context.ClientCollection.Find(d => d.Id == clientId).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            return document is null ? null : ToClient(document);
        });

    public Task<long> DeleteTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        // An operator client has no tenant: an empty id must never match it.
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        return MongoErrors.DeletedCountAsync(() => context.ClientCollection.DeleteManyAsync(d => d.TenantId == tenantId, cancellationToken));
    }

    public Task<IReadOnlyList<OAuthClient>> ListAsync(string? tenantId, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            var filter = tenantId is null
                ? FilterDefinition<ClientDocument>.Empty
                : Builders<ClientDocument>.Filter.Eq(d => d.TenantId, tenantId);
            var documents = await context.ClientCollection.Find(filter).SortBy(d => d.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
            IReadOnlyList<OAuthClient> clients = documents.Select(ToClient).ToList();
            return clients;
        });

    public Task<bool> TryReplaceCredentialAsync(string clientId, byte[] secretHash, string? publicKeyPem, DateTimeOffset rotatedAt, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            var result = await context.ClientCollection.UpdateOneAsync(
                d => d.Id == clientId && !d.Revoked,
                Builders<ClientDocument>.Update.Set(d => d.SecretHash, secretHash).Set(d => d.PublicKeyPem, publicKeyPem)
                    .Set(d => d.SecretRotatedAt, rotatedAt.UtcDateTime),
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return result.MatchedCount == 1;
        });

    public Task<bool> TryRevokeAsync(string clientId, CancellationToken cancellationToken) =>
        MongoErrors.GuardAsync(async () =>
        {
            var result = await context.ClientCollection.UpdateOneAsync(
                d => d.Id == clientId, Builders<ClientDocument>.Update.Set(d => d.Revoked, true), cancellationToken: cancellationToken).ConfigureAwait(false);
            return result.MatchedCount == 1;
        });

    private static OAuthClient ToClient(ClientDocument document) => new(
        document.Id,
        document.TenantId,
        document.DisplayName,
        document.Scopes,
        document.Purposes,
        document.SecretHash,
        document.Revoked,
        new DateTimeOffset(document.CreatedAt, TimeSpan.Zero),
        new DateTimeOffset(document.SecretRotatedAt, TimeSpan.Zero),
        document.PublicKeyPem);
}
