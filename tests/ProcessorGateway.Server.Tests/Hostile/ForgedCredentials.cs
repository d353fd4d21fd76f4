using System.Text;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Server.Tests.Hostile;

/// <summary>
/// Authorization headers that must not authenticate anyone. Each is refused with UNAUTHENTICATED, the one
/// status that says so (the refusals of the other hostile requests presume a caller the gateway knows).
/// </summary>
internal static class ForgedCredentials
{
    public static (string Defect, string? Header) Make(Random random, string realToken) => random.Next(7) switch
    {
        0 => ("no token", null),
        1 => ("empty bearer", "Bearer "),
        2 => ("garbage bearer", "Bearer " + Base64Url(Bytes(random, 16 + random.Next(400)))),
        3 => ("real token with one character changed", "Bearer " + OneCharacterChanged(random, realToken)),
        4 => ("unsigned JWT (alg none) claiming the operator", "Bearer " + UnsignedJwt()),
        5 => ("operator client id and secret as Basic", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{GatewayFixture.OperatorClientId}:{GatewayFixture.OperatorSecret}"))),
        _ => ("real token without its last half", "Bearer " + realToken[..(realToken.Length / 2)]),
    };

    /// <summary>A real token (or page token) with one character changed to another of the same alphabet.</summary>
    public static string OneCharacterChanged(Random random, string token)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var chars = token.ToCharArray();
        var at = random.Next(chars.Length);
        var replacement = Alphabet[random.Next(Alphabet.Length)];
        chars[at] = replacement == chars[at] ? (replacement == 'A' ? 'B' : 'A') : replacement;
        return new string(chars);
    }

    private static string UnsignedJwt()
    {
        var header = Base64Url(Encoding.UTF8.GetBytes("""{"alg":"none","typ":"at+jwt"}"""));
        var expires = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var payload = Base64Url(Encoding.UTF8.GetBytes(
            $$"""{"sub":"{{GatewayFixture.OperatorClientId}}","client_id":"{{GatewayFixture.OperatorClientId}}","scope":"records.read records.write tenants.admin","exp":{{expires}}}"""));
        return $"{header}.{payload}.";
    }

    private static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
