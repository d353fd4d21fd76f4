using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Auth;

/// <summary>A JWT split into its three parts: header and payload as JSON, the signature as sent.</summary>
internal sealed record JwtParts(JsonObject Header, JsonObject Payload, string Signature)
{
    public static JwtParts Decode(string jwt)
    {
        var parts = jwt.Split('.');
        Assert.True(parts.Length == 3, $"a signed JWT has three parts, this one has {parts.Length}");
        return new JwtParts(ParseObject(parts[0]), ParseObject(parts[1]), parts[2]);
    }

    /// <summary>A claim's values: JWT writes a claim with one value as that value, with several as an array.</summary>
    public static IReadOnlyList<string> Values(JsonNode? claim) => claim switch
    {
        null => [],
        JsonArray array => array.Select(v => v!.GetValue<string>()).ToList(),
        _ => [claim.GetValue<string>()],
    };

    public static JsonObject ParseObject(string base64Url) =>
        JsonNode.Parse(Base64UrlEncoder.DecodeBytes(base64Url))?.AsObject() ?? throw new InvalidOperationException("not a JSON object");
}

/// <summary>
/// Tokens the gateway must refuse, made the way an attacker would: minted with the server's real
/// signing key but with one thing wrong, real tokens with one byte changed, unsigned, or signed by
/// another key. Every minted token copies the header and claims of a real token from the real
/// token endpoint, so it differs from one the gateway accepts only in what the case names.
/// </summary>
internal static class TokenForge
{
    /// <summary>The key the gateway signs its access tokens with, from the running application.</summary>
    public static SigningCredentials ServerSigningCredentials(GatewayFixture gateway) =>
        gateway.Services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue.SigningCredentials[0];

    /// <summary>
    /// A new token carrying <paramref name="real"/>'s claims (fresh jti), signed with <paramref name="credentials"/>,
    /// valid from now for five minutes unless <paramref name="change"/> says otherwise.
    /// </summary>
    public static string Mint(string real, SigningCredentials credentials, Action<SecurityTokenDescriptor>? change = null)
    {
        var parts = JwtParts.Decode(real);
        var payload = parts.Payload;
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, value) in payload)
        {
            if (name is "iss" or "aud" or "exp" or "iat" or "nbf" or "jti" || value is null)
            {
                continue;
            }

            claims[name] = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : JsonSerializer.SerializeToElement(value);
        }

        claims["jti"] = Guid.NewGuid().ToString();
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = payload["iss"]!.GetValue<string>(),
            Audience = payload["aud"]!.GetValue<string>(),
            IssuedAt = now,
            Expires = now.AddMinutes(5),
            TokenType = parts.Header["typ"]!.GetValue<string>(),
            Claims = claims,
            SigningCredentials = credentials,
        };
        change?.Invoke(descriptor);

        // Like the gateway's own tokens: no nbf, and only the times set here.
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(descriptor);
    }

    /// <summary>Server's key, right claims, a five-minute lifetime that ended <paramref name="ago"/>.</summary>
    public static string Expired(string real, SigningCredentials credentials, TimeSpan ago) => Mint(real, credentials, d =>
    {
        d.IssuedAt = DateTime.UtcNow - ago - TimeSpan.FromMinutes(5);
        d.Expires = DateTime.UtcNow - ago;
    });

    /// <summary>The same claims, signed by a fresh RSA key that claims the server key's id.</summary>
    public static string SignedByForeignKey(string real, SigningCredentials serverCredentials)
    {
        using var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: true)) { KeyId = serverCredentials.Key.KeyId };
        return Mint(real, new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
    }

    /// <summary>A real token whose payload is changed and re-encoded, keeping the original signature.</summary>
    public static string WithPayload(string real, Action<JsonObject> change)
    {
        var segments = real.Split('.');
        var payload = JwtParts.ParseObject(segments[1]);
        change(payload);
        return $"{segments[0]}.{Encode(payload)}.{segments[2]}";
    }

    /// <summary>A real token with one character in the middle of its signature changed (not the last, whose low bits may be padding).</summary>
    public static string WithSignatureCharacterChanged(string real)
    {
        var segments = real.Split('.');
        var signature = segments[2].ToCharArray();
        var at = signature.Length / 2;
        signature[at] = signature[at] == 'A' ? 'B' : 'A';
        return $"{segments[0]}.{segments[1]}.{new string(signature)}";
    }

    /// <summary>A real token's payload under the header <c>{"alg":"none","typ":"at+jwt"}</c>, with an empty signature.</summary>
    public static string AlgNone(string real)
    {
        var segments = real.Split('.');
        return $"{Base64UrlEncoder.Encode("""{"alg":"none","typ":"at+jwt"}""")}.{segments[1]}.";
    }

    private static string Encode(JsonObject json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json.ToJsonString()));
}
