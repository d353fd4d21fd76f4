using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ProcessorGateway.Core.Clients;

/// <summary>
/// Client secrets: 256 random bits, shown once, kept only as PBKDF2-SHA256 with a random salt.
/// Layout of a hash: <c>version(1) | iterations(4) | salt(16) | derived(32)</c>.
/// </summary>
public static class ClientSecrets
{
    private const byte FormatVersion = 1;
    private const int SaltSize = 16;
    private const int DerivedSize = 32;

    // Secrets are high-entropy, so this only needs to make a stolen hash table useless to grind through.
    private const int Iterations = 100_000;

    public static string Generate() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var hash = new byte[1 + sizeof(int) + SaltSize + DerivedSize];
        hash[0] = FormatVersion;
        BinaryPrimitives.WriteInt32BigEndian(hash.AsSpan(1), Iterations);
        var salt = hash.AsSpan(1 + sizeof(int), SaltSize);
        RandomNumberGenerator.Fill(salt);
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, hash.AsSpan(1 + sizeof(int) + SaltSize), Iterations, HashAlgorithmName.SHA256);
        return hash;
    }

    public static bool Verify(string? secret, byte[] hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        if (string.IsNullOrEmpty(secret) || secret.Length > 256 || hash.Length != 1 + sizeof(int) + SaltSize + DerivedSize || hash[0] != FormatVersion)
        {
            return false;
        }

        var iterations = BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(1));
        Span<byte> derived = stackalloc byte[DerivedSize];
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), hash.AsSpan(1 + sizeof(int), SaltSize), derived, iterations, HashAlgorithmName.SHA256);
        return CryptographicOperations.FixedTimeEquals(derived, hash.AsSpan(1 + sizeof(int) + SaltSize));
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
