using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ProcessorGateway.Testing;

/// <summary>
/// A client's key pair for <c>private_key_jwt</c>: the public half to register, the private half to sign client
/// assertions (RFC 7523) exactly as a client would, or, for tests of refusals, in ways a client must not.
/// </summary>
public sealed class ClientKey : IDisposable
{
    private readonly AsymmetricAlgorithm _key;
    private readonly SigningCredentials _signing;

    private ClientKey(AsymmetricAlgorithm key, SigningCredentials signing)
    {
        _key = key;
        _signing = signing;
    }

    /// <summary>EC P-256, signing ES256.</summary>
    public static ClientKey CreateEcdsa()
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new ClientKey(key, new SigningCredentials(new ECDsaSecurityKey(key), SecurityAlgorithms.EcdsaSha256));
    }

    /// <summary>RSA, signing RS256.</summary>
    public static ClientKey CreateRsa(int bits = 2048)
    {
        var key = RSA.Create(bits);
        return new ClientKey(key, new SigningCredentials(new RsaSecurityKey(key), SecurityAlgorithms.RsaSha256));
    }

    public string PublicKeyPem => _key.ExportSubjectPublicKeyInfoPem();

    public string PrivateKeyPem => _key.ExportPkcs8PrivateKeyPem();

    /// <summary>Writes the public key (PEM) to a file in <paramref name="directory"/> and returns its path.</summary>
    public string WritePublicKey(string directory, string name = "operator.pub.pem") => Write(directory, name, PublicKeyPem);

    /// <summary>Writes the private key (PKCS#8 PEM) to a file in <paramref name="directory"/> and returns its path.</summary>
    public string WritePrivateKey(string directory, string name = "operator.key.pem") => Write(directory, name, PrivateKeyPem);

    /// <summary>
    /// A client assertion: <c>iss</c> = <c>sub</c> = <paramref name="clientId"/>, <c>aud</c>, a fresh <c>jti</c> unless one
    /// is given, issued now (or at <paramref name="issuedAt"/>) and valid for <paramref name="lifetime"/> (one minute).
    /// </summary>
    public string Assertion(string clientId, Uri audience, TimeSpan? lifetime = null, string? jwtId = null, DateTimeOffset? issuedAt = null)
    {
        ArgumentNullException.ThrowIfNull(audience);
        var issued = issuedAt ?? DateTimeOffset.UtcNow;
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = audience.AbsoluteUri,
            Subject = new ClaimsIdentity([new Claim("sub", clientId), new Claim("jti", jwtId ?? Guid.NewGuid().ToString("N"))]),
            IssuedAt = issued.UtcDateTime,
            NotBefore = issued.UtcDateTime,
            Expires = (issued + (lifetime ?? TimeSpan.FromMinutes(1))).UtcDateTime,
            SigningCredentials = _signing,
            TokenType = "client-authentication+jwt",
        });
    }

    /// <summary>The token request form for <c>private_key_jwt</c>.</summary>
    public static Dictionary<string, string> Form(string assertion, string? clientId = null)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
        };
        if (clientId is not null)
        {
            form["client_id"] = clientId;
        }

        return form;
    }

    public void Dispose() => _key.Dispose();

    private static string Write(string directory, string name, string pem)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, pem);
        return path;
    }
}
