using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace ProcessorGateway.Client.Tests;

/// <summary>The assertions the client library signs for private_key_jwt, read back as a gateway would.</summary>
public sealed class ClientAssertionSignerTests : IDisposable
{
    private static readonly Uri Endpoint = new("https://gateway.example/connect/token");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("pg-signer-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void Create_EcKey_SignsAnEs256AssertionForTheEndpointValidForOneMinuteWithAFreshJti()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var signer = ClientAssertionSigner.Load(Write(key.ExportPkcs8PrivateKeyPem()), _time);

        var first = signer.Create("op_1", Endpoint);
        var second = signer.Create("op_1", Endpoint);

        var (header, payload) = (Part(first, 0), Part(first, 1));
        Assert.Equal(("ES256", "client-authentication+jwt"), (header.GetProperty("alg").GetString(), header.GetProperty("typ").GetString()));
        Assert.Equal(("op_1", "op_1", Endpoint.AbsoluteUri), (payload.GetProperty("iss").GetString(), payload.GetProperty("sub").GetString(), payload.GetProperty("aud").GetString()));
        Assert.Equal(60, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64());
        Assert.Equal(_time.GetUtcNow().ToUnixTimeSeconds(), payload.GetProperty("iat").GetInt64());
        Assert.NotEqual(payload.GetProperty("jti").GetString(), Part(second, 1).GetProperty("jti").GetString());
        var signed = System.Text.Encoding.ASCII.GetBytes(first[..first.LastIndexOf('.')]);
        Assert.True(key.VerifyData(signed, Base64Url(first[(first.LastIndexOf('.') + 1)..]), HashAlgorithmName.SHA256));
    }

    [Theory]
    [InlineData("pkcs8")]
    [InlineData("pkcs1")]
    public void Create_RsaKey_SignsRs256(string format)
    {
        using var key = RSA.Create(2048);
        using var signer = ClientAssertionSigner.Load(Write(format == "pkcs8" ? key.ExportPkcs8PrivateKeyPem() : key.ExportRSAPrivateKeyPem()), _time);

        Assert.Equal("RS256", Part(signer.Create("op_1", Endpoint), 0).GetProperty("alg").GetString());
    }

    [Fact]
    public void Create_AfterAnotherSignerOfTheSameKeyFileWasDisposed_StillSigns()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var path = Write(key.ExportPkcs8PrivateKeyPem());
        using (var first = ClientAssertionSigner.Load(path, _time))
        {
            first.Create("op_1", Endpoint);
        }

        using var second = ClientAssertionSigner.Load(path, _time);

        Assert.Equal("ES256", Part(second.Create("op_1", Endpoint), 0).GetProperty("alg").GetString());
    }

    [Fact]
    public void Load_UnusableKeys_RefusedWithoutShowingThem()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var weak = RSA.Create(1024);
        using var rsa = RSA.Create(2048);
        var encrypted = rsa.ExportEncryptedPkcs8PrivateKeyPem("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));

        foreach (var (pem, problem) in new[]
        {
            (p384.ExportPkcs8PrivateKeyPem(), "P-256"),
            (weak.ExportPkcs8PrivateKeyPem(), "2048"),
            (encrypted, "encrypted"),
            (rsa.ExportSubjectPublicKeyInfoPem(), "private key"),
            ("not a key", "PEM"),
        })
        {
            var error = Assert.Throws<ArgumentException>(() => ClientAssertionSigner.Load(Write(pem), _time).Dispose());
            Assert.Contains(problem, error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("MII", error.Message, StringComparison.Ordinal);
        }
    }

    private string Write(string pem)
    {
        var path = Path.Combine(_directory.FullName, Guid.NewGuid().ToString("N") + ".pem");
        File.WriteAllText(path, pem);
        return path;
    }

    private static JsonElement Part(string jwt, int index) => JsonDocument.Parse(Base64Url(jwt.Split('.')[index])).RootElement;

    private static byte[] Base64Url(string text) => Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/').PadRight((text.Length + 3) / 4 * 4, '='));
}
