using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using ProcessorGateway.Core.Clients;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ProcessorGateway.Server.Auth;

/// <summary>
/// Degraded mode has no application store, so OpenIddict validates a client assertion's signature with whatever keys
/// a handler supplies, and with none it refuses every assertion. This one supplies the registered public key of the
/// client the assertion names (<c>iss</c>), and only the asymmetric algorithms we accept. The signature check itself
/// stays OpenIddict's (Microsoft.IdentityModel's JsonWebTokenHandler).
/// </summary>
internal sealed class ClientAssertionKeyResolver(ClientService clients) : IOpenIddictServerHandler<ValidateTokenContext>
{
    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.EcdsaSha256];

    // The explicit type of draft-ietf-oauth-rfc7523bis, which OpenIddict 7 requires of a client assertion: a JWT made
    // for something else (an ID token, an access token) cannot be passed off as one.
    private static readonly string[] Types = ["client-authentication+jwt"];

    // For an unknown client: a key nobody holds, so its assertion fails exactly as one with a wrong signature does.
    private static readonly JsonWebKey Nobody = CreateNobody();

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
        .UseScopedHandler<ClientAssertionKeyResolver>()
        .SetOrder(OpenIddictServerHandlers.Protection.ResolveTokenValidationParameters.Descriptor.Order + 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.ValidTokenTypes.Count != 1 || !context.ValidTokenTypes.Contains(TokenTypeIdentifiers.Private.ClientAssertion)
            || context.TokenValidationParameters is not { } parameters)
        {
            return;
        }

        // The issuer is read before the signature is checked, only to pick the key the signature must verify with.
        var issuer = TryReadIssuer(context.Token);
        var pem = await clients.FindPublicKeyAsync(issuer, context.CancellationToken).ConfigureAwait(false);
        parameters.IssuerSigningKeys = [pem is null ? Nobody : ToJsonWebKey(pem)];
        parameters.ValidAlgorithms = Algorithms;
        parameters.ValidTypes = Types;

        // The audience is ClientCredentialsValidator's to check (ClientAssertionRules): exactly this gateway's issuer or
        // token endpoint URL, where OpenIddict would compare the issuer's form rather than the endpoint the client called.
        context.DisableAudienceValidation = true;
        parameters.TryAllIssuerSigningKeys = true;
    }

    private static string? TryReadIssuer(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 16_384)
        {
            return null;
        }

        try
        {
            return new JsonWebToken(token).Issuer;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static JsonWebKey CreateNobody()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return ToJsonWebKey(PemEncoding.WriteString("PUBLIC KEY", key.ExportSubjectPublicKeyInfo()));
    }

    /// <summary>A JWK holds only public numbers, nothing disposable, so it can live in the validation parameters.</summary>
    private static JsonWebKey ToJsonWebKey(string pem)
    {
        var key = PublicKey.CreateFromSubjectPublicKeyInfo(Convert.FromBase64String(pem[PemEncoding.Find(pem).Base64Data]), out _);
        using var rsa = key.GetRSAPublicKey();
        if (rsa is not null)
        {
            var p = rsa.ExportParameters(includePrivateParameters: false);
            return new JsonWebKey { Kty = JsonWebAlgorithmsKeyTypes.RSA, N = Base64UrlEncoder.Encode(p.Modulus), E = Base64UrlEncoder.Encode(p.Exponent) };
        }

        using var ec = key.GetECDsaPublicKey() ?? throw new CryptographicException("a client key is neither RSA nor EC");
        var q = ec.ExportParameters(includePrivateParameters: false).Q;
        return new JsonWebKey { Kty = JsonWebAlgorithmsKeyTypes.EllipticCurve, Crv = JsonWebKeyECTypes.P256, X = Base64UrlEncoder.Encode(q.X), Y = Base64UrlEncoder.Encode(q.Y) };
    }
}
