using System.Security.Cryptography;
using ProcessorGateway.Core.Access;
using ProcessorGateway.Core.Caching;
using ProcessorGateway.Core.Errors;
using ProcessorGateway.Core.Schemas;
using ProcessorGateway.Core.Tenants;
using ProcessorGateway.Core.Validation;

namespace ProcessorGateway.Core.Clients;

/// <summary>Registers, lists, rotates, revokes and authenticates OAuth clients.</summary>
public sealed class ClientService(
    IClientRegistry registry, ITenantRepository tenants, MetadataCache cache, TimeProvider time, PurposeRegistry purposeRegistry, ClientAuthenticationPolicy policy)
{
    private const string PublicKeyField = "public_key_pem";

    private static readonly byte[] UnusableHash = ClientSecrets.Hash(ClientSecrets.Generate());

    /// <summary>
    /// Registers a client for a tenant (or, by an operator, an operator client). A tenant's own admin
    /// may grant only scopes and purposes it holds itself. With a public key the client has no secret: it signs
    /// client assertions; outside Development an operator client must have one.
    /// </summary>
    public async Task<RegisteredClient> RegisterAsync(
        Caller caller, string? tenantId, string? displayName, IReadOnlyList<string> scopes, IReadOnlyList<string> purposes, string? publicKeyPem,
        CancellationToken cancellationToken, string? clientId = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        AccessPolicy.RequireScope(caller, Scopes.TenantsAdmin);
        string? tenant = null;
        if (string.IsNullOrEmpty(tenantId))
        {
            AccessPolicy.RequireOperator(caller);
        }
        else
        {
            tenant = AccessPolicy.RequireTenant(caller, tenantId);
        }

        var name = Identifiers.DisplayName(displayName);
        var granted = CheckGrants(caller, scopes, purposes);
        var publicKey = string.IsNullOrEmpty(publicKeyPem) ? null : ClientPublicKeys.Normalize(publicKeyPem, PublicKeyField);
        if (tenant is null && publicKey is null && policy.OperatorsNeedKey)
        {
            throw DomainErrors.Invalid(PublicKeyField,
                "is required for an operator client outside Development: operator clients authenticate with a key (private_key_jwt), never a shared secret");
        }

        if (tenant is not null)
        {
            (await tenants.FindAsync(tenant, cancellationToken).ConfigureAwait(false) ?? throw DomainErrors.TenantNotFound(tenant)).RequireActive();
        }

        await purposeRegistry.RequireRegisteredAsync(tenant, purposes, "purposes", cancellationToken).ConfigureAwait(false);

        var id = clientId ?? $"{tenant ?? "op"}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        var secret = publicKey is null ? ClientSecrets.Generate() : string.Empty;
        var now = time.GetUtcNow();
        var client = new OAuthClient(id, tenant, name, granted.Scopes, granted.Purposes, HashOrNone(secret), Revoked: false, now, now, publicKey);
        if (!await registry.TryInsertAsync(client, cancellationToken).ConfigureAwait(false))
        {
            throw new DomainException(DomainErrorKind.FailedPrecondition, $"a client '{id}' exists already", "client_id");
        }

        return new RegisteredClient(client, secret);
    }

    public async Task<IReadOnlyList<OAuthClient>> ListAsync(Caller caller, string? tenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        AccessPolicy.RequireScope(caller, Scopes.TenantsAdmin);
        var tenant = caller.IsOperator && string.IsNullOrEmpty(tenantId) ? null : AccessPolicy.RequireTenant(caller, tenantId);
        return await registry.ListAsync(tenant, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RegisteredClient> RotateSecretAsync(Caller caller, string? clientId, CancellationToken cancellationToken)
    {
        var client = await FindManagedAsync(caller, clientId, "rotate the secret of", cancellationToken).ConfigureAwait(false);
        if (client.Revoked)
        {
            throw new DomainException(DomainErrorKind.FailedPrecondition, $"client '{client.ClientId}' is revoked; register a new one", "client_id");
        }

        if (client.UsesKey)
        {
            throw new DomainException(DomainErrorKind.FailedPrecondition,
                $"client '{client.ClientId}' authenticates with a key (private_key_jwt) and has no secret to rotate; register a new client for a new key",
                "client_id");
        }

        var secret = ClientSecrets.Generate();
        var hash = ClientSecrets.Hash(secret);
        var now = time.GetUtcNow();
        if (!await registry.TryReplaceCredentialAsync(client.ClientId, hash, null, now, cancellationToken).ConfigureAwait(false))
        {
            throw new DomainException(DomainErrorKind.FailedPrecondition, $"client '{client.ClientId}' was revoked meanwhile", "client_id");
        }

        return new RegisteredClient(client with { SecretHash = hash, SecretRotatedAt = now }, secret);
    }

    public async Task<OAuthClient> RevokeAsync(Caller caller, string? clientId, CancellationToken cancellationToken)
    {
        var client = await FindManagedAsync(caller, clientId, "revoke", cancellationToken).ConfigureAwait(false);
        await registry.TryRevokeAsync(client.ClientId, cancellationToken).ConfigureAwait(false);
        return client with { Revoked = true };
    }

    /// <summary>
    /// For the gateway itself (operator bootstrap from a Kubernetes Secret, development credentials): makes sure a
    /// client exists with this secret, or this public key (exactly one), registering it or replacing its credential.
    /// </summary>
    public async Task<OAuthClient> EnsureSystemClientAsync(
        string clientId, string? tenantId, string displayName, IReadOnlyList<string> scopes, IReadOnlyList<string> purposes, string? secret,
        CancellationToken cancellationToken, string? publicKeyPem = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        if (string.IsNullOrEmpty(secret) == string.IsNullOrEmpty(publicKeyPem))
        {
            throw new ArgumentException("Give exactly one of a secret and a public key.", nameof(secret));
        }

        var publicKey = string.IsNullOrEmpty(publicKeyPem) ? null : ClientPublicKeys.Normalize(publicKeyPem, "public key");
        var existing = await registry.FindAsync(clientId, cancellationToken).ConfigureAwait(false);
        if (existing is not null && !existing.Revoked && existing.TenantId == tenantId)
        {
            var current = publicKey is null
                ? !existing.UsesKey && ClientSecrets.Verify(secret, existing.SecretHash)
                : existing.PublicKeyPem == publicKey;
            if (!current)
            {
                await registry.TryReplaceCredentialAsync(clientId, HashOrNone(secret), publicKey, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }

            return existing;
        }

        if (existing is not null)
        {
            throw new DomainException(DomainErrorKind.FailedPrecondition, $"client '{clientId}' exists but is revoked or bound to another tenant", "client_id");
        }

        var now = time.GetUtcNow();
        var client = new OAuthClient(clientId, tenantId, displayName, scopes.ToArray(), purposes.ToArray(), HashOrNone(secret), Revoked: false, now, now, publicKey);
        return await registry.TryInsertAsync(client, cancellationToken).ConfigureAwait(false)
            ? client
            : await EnsureSystemClientAsync(clientId, tenantId, displayName, scopes, purposes, secret, cancellationToken, publicKeyPem).ConfigureAwait(false);
    }

    /// <summary>
    /// For the token endpoint: the client, if the secret is right, the client is not revoked and its tenant (if any) is
    /// active. A client with a key has no secret; outside Development neither has an operator client.
    /// </summary>
    public async Task<OAuthClient?> AuthenticateAsync(string? clientId, string? secret, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(clientId) || clientId.Length > Limits.RecordIdMaxLength)
        {
            return null;
        }

        var client = await registry.FindAsync(clientId, cancellationToken).ConfigureAwait(false);

        // The hash is checked whether or not the client is usable, so timing does not tell which ids exist.
        var verified = ClientSecrets.Verify(secret, client?.SecretHash is { Length: > 0 } hash ? hash : UnusableHash);
        if (client is not { Revoked: false, UsesKey: false } || !verified || (client.TenantId is null && policy.OperatorsNeedKey))
        {
            return null;
        }

        return await ActiveOrNullAsync(client, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// For the token endpoint, once a client assertion's signature has been checked against
    /// <see cref="FindPublicKeyAsync"/>: the client, if it still has a key, is not revoked and its tenant (if any) is active.
    /// </summary>
    public async Task<OAuthClient?> AuthenticateWithKeyAsync(string? clientId, CancellationToken cancellationToken)
    {
        var client = await FindKeyClientAsync(clientId, cancellationToken).ConfigureAwait(false);
        return client is null ? null : await ActiveOrNullAsync(client, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The public key a client assertion claiming to come from this client must be signed with, if the client has one.</summary>
    public async Task<string?> FindPublicKeyAsync(string? clientId, CancellationToken cancellationToken) =>
        (await FindKeyClientAsync(clientId, cancellationToken).ConfigureAwait(false))?.PublicKeyPem;

    /// <summary>
    /// For token validation on every call: revoking a client stops its tokens at once on the replica that
    /// revoked it and within the Redis message delay on the others (the registry evicts the cached answer).
    /// Only an active client is cached; a revoked one stays revoked.
    /// </summary>
    public async Task<bool> IsActiveAsync(string clientId, CancellationToken cancellationToken) =>
        await cache.GetOrLoadAsync(MetadataKind.Client, clientId,
            async ct => await registry.FindAsync(clientId, ct).ConfigureAwait(false) is { Revoked: false } ? clientId : null,
            cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>
    /// The client a management call acts on. A tenant admin acts only on its own tenant's clients, and only on those
    /// whose scopes and purposes are within its own: whoever holds a rotated secret holds the client's rights, and
    /// revoking a client with more rights than one's own is acting above one's station just the same.
    /// </summary>
    /// <param name="action">For the refusal: "revoke", "rotate the secret of".</param>
    private async Task<OAuthClient> FindManagedAsync(Caller caller, string? clientId, string action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        AccessPolicy.RequireScope(caller, Scopes.TenantsAdmin);
        if (string.IsNullOrEmpty(clientId) || clientId.Length > Limits.RecordIdMaxLength)
        {
            throw DomainErrors.Invalid("client_id", "is required (at most 128 characters)");
        }

        var client = await registry.FindAsync(clientId, cancellationToken).ConfigureAwait(false);

        // Another tenant's client reads as absent: a tenant admin learns nothing about other tenants.
        if (client is null || !(caller.IsOperator || client.TenantId == caller.TenantId))
        {
            throw DomainErrors.NotFound("client", clientId, "client_id");
        }

        if (!caller.IsOperator && (client.Scopes.Any(s => !caller.Scopes.Contains(s)) || client.Purposes.Any(p => !caller.Purposes.Contains(p))))
        {
            throw new DomainException(DomainErrorKind.PermissionDenied,
                $"{caller} cannot {action} client '{client.ClientId}', which holds scopes or purposes it does not", "client_id");
        }

        return client;
    }

    private async Task<OAuthClient?> FindKeyClientAsync(string? clientId, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(clientId) || clientId.Length > Limits.RecordIdMaxLength
            ? null
            : await registry.FindAsync(clientId, cancellationToken).ConfigureAwait(false) is { Revoked: false, UsesKey: true } client ? client : null;

    /// <summary>An offboarding tenant's clients get no token, also before its offboarding deletes them.</summary>
    private async Task<OAuthClient?> ActiveOrNullAsync(OAuthClient client, CancellationToken cancellationToken) =>
        client.TenantId is null || await tenants.FindAsync(client.TenantId, cancellationToken).ConfigureAwait(false) is { Status: TenantStatus.Active }
            ? client
            : null;

    /// <summary>A client with a key has an empty hash, which no secret verifies against.</summary>
    private static byte[] HashOrNone(string? secret) => string.IsNullOrEmpty(secret) ? [] : ClientSecrets.Hash(secret);

    private static (string[] Scopes, string[] Purposes) CheckGrants(Caller caller, IReadOnlyList<string> scopes, IReadOnlyList<string> purposes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(purposes);
        if (scopes.Count == 0)
        {
            throw DomainErrors.Invalid("scopes", $"name at least one of {string.Join(", ", Scopes.All)}");
        }

        for (var i = 0; i < scopes.Count; i++)
        {
            if (!Scopes.All.Contains(scopes[i]))
            {
                throw DomainErrors.Invalid($"scopes[{i}]", $"'{scopes[i]}' is not a scope; scopes are {string.Join(", ", Scopes.All)}");
            }

            if (!caller.IsOperator && !caller.Scopes.Contains(scopes[i]))
            {
                throw new DomainException(DomainErrorKind.PermissionDenied, $"{caller} cannot grant the scope '{scopes[i]}', which it does not hold", $"scopes[{i}]");
            }
        }

        for (var i = 0; i < purposes.Count; i++)
        {
            var purpose = Identifiers.Name(purposes[i], $"purposes[{i}]");
            if (!caller.IsOperator && !caller.Purposes.Contains(purpose))
            {
                throw new DomainException(DomainErrorKind.PermissionDenied, $"{caller} cannot grant the purpose '{purpose}', which it does not hold", $"purposes[{i}]");
            }
        }

        return (scopes.Distinct(StringComparer.Ordinal).ToArray(), purposes.Distinct(StringComparer.Ordinal).ToArray());
    }
}
