using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Erasure;

/// <summary>Checks a receipt as anyone would: with the key set the gateway publishes at /.well-known/jwks on its token port.</summary>
internal static class ReceiptVerifier
{
    public static async Task<JsonObject> VerifyAsync(GatewayFixture gateway, string receipt)
    {
        using var http = new HttpClient();
        var jwks = new JsonWebKeySet(await http.GetStringAsync(new Uri(gateway.TokenEndpoint, "/.well-known/jwks")));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(receipt, new TokenValidationParameters
        {
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            ValidTypes = ["pg-erasure-receipt+jwt"],
        });
        Assert.True(result.IsValid, $"the receipt does not verify with the published keys: {result.Exception?.Message}");
        return JsonNode.Parse(Base64UrlEncoder.Decode(receipt.Split('.')[1]))!.AsObject();
    }
}
