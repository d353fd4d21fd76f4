using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ProcessorGateway.Client;

/// <summary>
/// Signs client assertions (RFC 7523, <c>private_key_jwt</c>) with the client's private key: one fresh assertion per
/// token request, for exactly the token endpoint it is sent to, valid for a minute, with a new <c>jti</c> each time.
/// The key is read once from a PEM file (PKCS#8 <c>PRIVATE KEY</c>, <c>RSA PRIVATE KEY</c> or <c>EC PRIVATE KEY</c>).
/// </summary>
internal sealed class ClientAssertionSigner : IDisposable
{
    /// <summary>The gateway refuses assertions valid longer than five minutes; one minute covers any token request.</summary>
    internal static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    // The explicit type of draft-ietf-oauth-rfc7523bis, which the gateway (OpenIddict 7) requires.
    private const string TokenType = "client-authentication+jwt";

    private readonly AsymmetricAlgorithm _key;
    private readonly SigningCredentials _credentials;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    private ClientAssertionSigner(AsymmetricAlgorithm key, SigningCredentials credentials, TimeProvider time)
    {
        _key = key;
        _credentials = credentials;
        _time = time;

        // IdentityModel caches signature providers process-wide by the key's public parameters: a second signer for the
        // same key file would be handed the first one's provider, whose key this class disposes. So no cache.
        credentials.CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false };
    }

    /// <exception cref="ArgumentException">The file holds no usable private key; the message says why, never the key.</exception>
    public static ClientAssertionSigner Load(string path, TimeProvider time)
    {
        var pem = File.ReadAllText(path);
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            throw new ArgumentException($"{path} holds no PEM block; give the client's private key as PEM (PKCS#8 'PRIVATE KEY').");
        }

        var label = pem[fields.Label];
        if (label == "ENCRYPTED PRIVATE KEY")
        {
            throw new ArgumentException($"{path} holds an encrypted private key; give it unencrypted, from a secret store or a file only this user can read.");
        }

        var key = label switch
        {
            "RSA PRIVATE KEY" => TryImport(RSA.Create(), pem),
            "EC PRIVATE KEY" => TryImport(ECDsa.Create(), pem),
            "PRIVATE KEY" => TryImport(RSA.Create(), pem) ?? TryImport(ECDsa.Create(), pem),
            _ => null,
        };
        switch (key)
        {
            case RSA rsa when rsa.KeySize >= 2048:
                return new ClientAssertionSigner(rsa, new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256), time);
            case ECDsa ec when ec.KeySize == 256:
                return new ClientAssertionSigner(ec, new SigningCredentials(new ECDsaSecurityKey(ec), SecurityAlgorithms.EcdsaSha256), time);
            default:
                key?.Dispose();
                throw new ArgumentException($"{path} holds no RSA (2048 bits or more) or EC P-256 private key.");
        }
    }

    public string Create(string clientId, Uri tokenEndpoint)
    {
        var now = _time.GetUtcNow();
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = TokenType,
            Issuer = clientId,
            Audience = tokenEndpoint.AbsoluteUri,
            Subject = new ClaimsIdentity([new Claim("sub", clientId), new Claim("jti", Guid.NewGuid().ToString("N"))]),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + Lifetime).UtcDateTime,
            SigningCredentials = _credentials,
        });
    }

    public void Dispose() => _key.Dispose();

    /// <summary>The key with the PEM imported, or <c>null</c> (and the key disposed) when the PEM is not of its kind.</summary>
    private static AsymmetricAlgorithm? TryImport(AsymmetricAlgorithm key, string pem)
    {
        try
        {
            key.ImportFromPem(pem);
            return key;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            return null;
        }
    }
}
