using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ProcessorGateway.Core.Errors;

namespace ProcessorGateway.Core.Clients;

/// <summary>
/// Public keys a client registers instead of a secret (RFC 7523 <c>private_key_jwt</c>): its private key signs
/// client assertions, the gateway keeps only the public half. RSA of 2048 bits or more, or EC P-256.
/// </summary>
public static class ClientPublicKeys
{
    public const int MinimumRsaBits = 2048;

    // A 4096-bit RSA key is about 800 characters of PEM; anything far longer is not a key.
    private const int MaxPemLength = 8_192;
    private const string Label = "PUBLIC KEY";
    private const string NistP256Oid = "1.2.840.10045.3.1.7";

    /// <summary>Checks a PEM public key and returns it in one canonical form (SubjectPublicKeyInfo, <c>PUBLIC KEY</c>).</summary>
    /// <param name="field">Named in the refusal, e.g. <c>public_key_pem</c>.</param>
    /// <exception cref="DomainException">INVALID_ARGUMENT naming <paramref name="field"/>.</exception>
    public static string Normalize(string pem, string field)
    {
        ArgumentNullException.ThrowIfNull(pem);
        if (pem.Length > MaxPemLength || !PemEncoding.TryFind(pem, out var fields))
        {
            throw DomainErrors.Invalid(field, $"is not a PEM public key: give one '-----BEGIN {Label}-----' block (SubjectPublicKeyInfo)");
        }

        var label = pem[fields.Label];
        if (label.Contains("PRIVATE", StringComparison.Ordinal))
        {
            throw DomainErrors.Invalid(field, "holds a private key: register only the public key; the private key never leaves the client");
        }

        if (!string.Equals(label, Label, StringComparison.Ordinal))
        {
            throw DomainErrors.Invalid(field, $"is a '{label}' block: give a '-----BEGIN {Label}-----' block (SubjectPublicKeyInfo)");
        }

        var der = Convert.FromBase64String(pem[fields.Base64Data]);
        Check(der, field);
        return PemEncoding.WriteString(Label, der);
    }

    /// <summary>SHA-256 of the key's SubjectPublicKeyInfo, lower-case hex: how a listing names a key without showing it.</summary>
    public static string Fingerprint(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var fields = PemEncoding.Find(pem);
        return Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(pem[fields.Base64Data])));
    }

    private static void Check(byte[] der, string field)
    {
        const string Accepted = "must be an RSA key of at least 2048 bits or an EC key on P-256";
        PublicKey key;
        try
        {
            key = PublicKey.CreateFromSubjectPublicKeyInfo(der, out var read);
            if (read != der.Length)
            {
                throw DomainErrors.Invalid(field, "has bytes after the key");
            }
        }
        catch (CryptographicException)
        {
            throw DomainErrors.Invalid(field, "is not a readable SubjectPublicKeyInfo");
        }

        try
        {
            using var rsa = key.GetRSAPublicKey();
            if (rsa is not null)
            {
                if (rsa.KeySize < MinimumRsaBits)
                {
                    throw DomainErrors.Invalid(field, $"is an RSA key of {rsa.KeySize} bits; it {Accepted}");
                }

                return;
            }

            using var ec = key.GetECDsaPublicKey();
            if (ec is null || ec.ExportParameters(includePrivateParameters: false).Curve.Oid?.Value != NistP256Oid)
            {
                throw DomainErrors.Invalid(field, Accepted);
            }
        }
        catch (CryptographicException)
        {
            throw DomainErrors.Invalid(field, Accepted);
        }
    }
}
