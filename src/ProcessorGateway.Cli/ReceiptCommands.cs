using System.CommandLine;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ProcessorGateway.Cli;

/// <summary><c>pgctl receipt verify</c>: checks a deletion receipt against the keys the gateway publishes at its token port's /.well-known/jwks.</summary>
internal static class ReceiptCommands
{
    public const string ReceiptType = "pg-erasure-receipt+jwt";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create(GlobalOptions global)
    {
        var receipt = new Command("receipt", "Deletion receipts.");
        var file = new Argument<FileInfo>("file") { Description = "A file holding the receipt (compact JWS), as 'erasure show --receipt-out' writes it." };
        var jwks = new Option<Uri?>("--jwks") { Description = "The key set URL; default: /.well-known/jwks on the token endpoint's host." };
        var verify = new Command("verify", "Check a receipt's signature with the gateway's published keys, and print what it states.") { file, jwks };
        verify.SetAction(CommandRunner.Action(global, async (context, cancellationToken) =>
        {
            var token = (await File.ReadAllTextAsync(context.Required(file).FullName, cancellationToken).ConfigureAwait(false)).Trim();
            var tokenEndpoint = ConnectionSettings.Resolve(ConnectionArguments.From(context.Parse, global), Environment.GetEnvironmentVariable, Directory.GetCurrentDirectory())
                .TokenEndpoint ?? throw new CliUsageException("no token endpoint is known: pass --jwks or --token-endpoint");
            var url = context.Value(jwks) ?? new Uri(tokenEndpoint, "/.well-known/jwks");
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var keys = new JsonWebKeySet(await http.GetStringAsync(url, cancellationToken).ConfigureAwait(false));
            var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
            {
                IssuerSigningKeys = keys.GetSigningKeys(),
                ValidateIssuer = false,
                ValidateAudience = false,
                ValidateLifetime = false,
                RequireExpirationTime = false,
                ValidTypes = [ReceiptType],
            }).ConfigureAwait(false);
            if (!result.IsValid)
            {
                throw new CliVerificationException($"the receipt does not verify with the keys at {url}: {result.Exception?.Message}");
            }

            using var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[1]));
            var kid = ((JsonWebToken)result.SecurityToken).Kid;
            context.Print(
                json =>
                {
                    json.WriteStartObject();
                    json.WriteBoolean("valid", true);
                    json.WriteString("key_id", kid);
                    json.WriteString("jwks", url.ToString());
                    json.WritePropertyName("claims");
                    payload.RootElement.WriteTo(json);
                    json.WriteEndObject();
                },
                text =>
                {
                    text.WriteLine($"valid: signed by key {kid} published at {url}");
                    text.WriteLine(JsonSerializer.Serialize(payload.RootElement, Indented));
                });
        }));
        receipt.Add(verify);
        return receipt;
    }
}
