using System.Security.Cryptography;
using ProcessorGateway.Core.Crypto;
using ProcessorGateway.Core.Keys;

namespace ProcessorGateway.Core.Tests.Crypto.Wycheproof;

/// <summary>
/// Every vector of Wycheproof's aes_gcm_test.json against .NET's <see cref="AesGcm"/>, one theory case
/// per tcId. Each vector falls in exactly one <see cref="AesGcmCase"/>:
/// <list type="bullet">
/// <item>parameters .NET supports (nonce in <see cref="AesGcm.NonceByteSizes"/>, tag in
/// <see cref="AesGcm.TagByteSizes"/>, a 128/192/256-bit key): "valid" must encrypt to exactly ct and tag
/// and decrypt back to msg; "invalid" must fail to decrypt with <see cref="AuthenticationTagMismatchException"/>
/// (and leave the output zeroed), and encrypting msg must not give the vector's ct and tag;</item>
/// <item>"acceptable" (legal but discouraged; this copy of the file has none): decryption either returns
/// exactly msg or throws, never anything else;</item>
/// <item>parameters .NET does not support (here: every nonce that is not 96 bits, including the empty one,
/// whatever the vector's result): both encryption and decryption must be refused with
/// <see cref="ArgumentException"/>, so no such ciphertext is ever silently accepted.</item>
/// </list>
/// </summary>
public sealed class AesGcmWycheproofTests
{
    /// <summary>AesGcm takes 128-, 192- and 256-bit keys; it exposes no LegalKeySizes of its own.</summary>
    private static readonly int[] SupportedKeyBytes = [16, 24, 32];

    public enum AesGcmCase
    {
        Valid,
        Invalid,
        Acceptable,
        RefusedParameters,
    }

    public static TheoryData<int, string> AllVectors => ToTheoryData(All());

    /// <summary>
    /// The vectors with the parameters FieldCipher uses: 256-bit key, 96-bit nonce, 128-bit tag.
    /// </summary>
    public static TheoryData<int, string> CodecParameterVectors =>
        ToTheoryData(All().Where(x => x.Group is { KeySize: 256, IvSize: 96, TagSize: 128 }));

    [Theory]
    [MemberData(nameof(AllVectors))]
    public void Vector_gives_the_expected_result(int tcId, string expectation)
    {
        var (group, vector) = Find(tcId);
        Assert.Equal(Describe(group, vector), expectation);
        var v = Decoded.From(vector);

        switch (Classify(group, vector))
        {
            case AesGcmCase.Valid:
                using (var aes = new AesGcm(v.Key, v.Tag.Length))
                {
                    AssertValid(aes, v);
                }

                break;
            case AesGcmCase.Invalid:
                using (var aes = new AesGcm(v.Key, v.Tag.Length))
                {
                    AssertInvalid(aes, v);
                }

                break;
            case AesGcmCase.Acceptable:
                using (var aes = new AesGcm(v.Key, v.Tag.Length))
                {
                    AssertAcceptable(aes, v);
                }

                break;
            case AesGcmCase.RefusedParameters:
                AssertRefused(v);
                break;
            default:
                Assert.Fail($"tcId {tcId} has no expectation");
                break;
        }
    }

    /// <summary>
    /// The same vectors through the AES-GCM instance FieldCipher itself uses: the one
    /// <see cref="KeyMaterial"/> builds from the key bytes and lends out. FieldCipher's own Encrypt and
    /// Decrypt cannot take these vectors: Encrypt draws its own nonce, and both build the associated data
    /// from the header and a FieldContext, so a vector's chosen nonce and aad cannot be passed in without
    /// changing Core. The cipher KeyMaterial hands to FieldCipher is the closest honest check; the
    /// layout and associated data around it are checked in FieldCipherTests.
    /// </summary>
    [Theory]
    [MemberData(nameof(CodecParameterVectors))]
    public void Vector_gives_the_expected_result_with_the_cipher_FieldCipher_uses(int tcId, string expectation)
    {
        var (group, vector) = Find(tcId);
        Assert.Equal(Describe(group, vector), expectation);
        var v = Decoded.From(vector);
        using var key = new KeyMaterial("wycheproof", KeyKind.Data, new KeyReference(Guid.NewGuid(), 1), v.Key);

        var aes = key.RentCipher();
        try
        {
            Assert.Equal(FieldCipher.TagSize, aes.TagSizeInBytes);
            switch (Classify(group, vector))
            {
                case AesGcmCase.Valid:
                    AssertValid(aes, v);
                    break;
                case AesGcmCase.Invalid:
                    AssertInvalid(aes, v);
                    break;
                default:
                    Assert.Fail($"tcId {tcId}: {expectation} is not expected with the codec's parameters");
                    break;
            }
        }
        finally
        {
            key.ReturnCipher(aes);
        }
    }

    [Fact]
    public void Every_vector_in_the_file_is_accounted_for()
    {
        var file = WycheproofVectors.AesGcm;
        var all = All().ToList();

        Assert.Equal("AES-GCM", file.Algorithm);
        Assert.Equal(file.NumberOfTests, all.Count);
        Assert.Equal(all.Count, all.Select(x => x.Vector.TcId).Distinct().Count());
        Assert.Equal(all.Count, AllVectors.Count);
        Assert.All(all, x => AssertSizesMatchGroup(x.Group, x.Vector));

        // Classify throws on a result it does not know, so nothing can fall through unclassified.
        var counts = all.GroupBy(x => Classify(x.Group, x.Vector)).ToDictionary(g => g.Key, g => g.Count());
        var valid = counts.GetValueOrDefault(AesGcmCase.Valid);
        var invalid = counts.GetValueOrDefault(AesGcmCase.Invalid);
        var acceptable = counts.GetValueOrDefault(AesGcmCase.Acceptable);
        var refused = counts.GetValueOrDefault(AesGcmCase.RefusedParameters);
        var exercised = valid + invalid + acceptable;

        Assert.Equal(file.NumberOfTests - refused, exercised);
        Assert.Equal(file.NumberOfTests, exercised + refused);

        // Pinned, so a new .NET that accepts other nonce sizes, or a new copy of the file, shows up here.
        Assert.Equal((116, 81, 0, 119), (valid, invalid, acceptable, refused));
        Assert.All(all.Where(x => Classify(x.Group, x.Vector) == AesGcmCase.RefusedParameters),
            x => Assert.NotEqual(96, x.Group.IvSize));
        Assert.Equal(66, CodecParameterVectors.Count);
    }

    [Fact]
    public void Only_96_bit_nonces_and_12_to_16_byte_tags_are_supported()
    {
        // What the classification above relies on.
        Assert.Equal((12, 12), (AesGcm.NonceByteSizes.MinSize, AesGcm.NonceByteSizes.MaxSize));
        Assert.Equal((12, 16, 1), (AesGcm.TagByteSizes.MinSize, AesGcm.TagByteSizes.MaxSize, AesGcm.TagByteSizes.SkipSize));
        Assert.True(AesGcm.IsSupported);
    }

    private static void AssertValid(AesGcm aes, Decoded v)
    {
        var ciphertext = new byte[v.Msg.Length];
        var tag = new byte[v.Tag.Length];
        aes.Encrypt(v.Iv, v.Msg, ciphertext, tag, v.Aad);
        Assert.Equal(Convert.ToHexString(v.Ct), Convert.ToHexString(ciphertext));
        Assert.Equal(Convert.ToHexString(v.Tag), Convert.ToHexString(tag));

        var plaintext = new byte[v.Ct.Length];
        aes.Decrypt(v.Iv, v.Ct, v.Tag, plaintext, v.Aad);
        Assert.Equal(Convert.ToHexString(v.Msg), Convert.ToHexString(plaintext));
    }

    private static void AssertInvalid(AesGcm aes, Decoded v)
    {
        var plaintext = new byte[v.Ct.Length];
        plaintext.AsSpan().Fill(0xAA);
        Assert.Throws<AuthenticationTagMismatchException>(() => aes.Decrypt(v.Iv, v.Ct, v.Tag, plaintext, v.Aad));
        Assert.All(plaintext, b => Assert.Equal(0, b));

        var ciphertext = new byte[v.Msg.Length];
        var tag = new byte[v.Tag.Length];
        aes.Encrypt(v.Iv, v.Msg, ciphertext, tag, v.Aad);
        Assert.False(ciphertext.AsSpan().SequenceEqual(v.Ct) && tag.AsSpan().SequenceEqual(v.Tag), "encrypting msg gave the invalid ct and tag");
    }

    private static void AssertAcceptable(AesGcm aes, Decoded v)
    {
        var plaintext = new byte[v.Ct.Length];
        var error = Record.Exception(() => aes.Decrypt(v.Iv, v.Ct, v.Tag, plaintext, v.Aad));
        if (error is null)
        {
            Assert.Equal(Convert.ToHexString(v.Msg), Convert.ToHexString(plaintext));
        }
        else
        {
            Assert.IsAssignableFrom<CryptographicException>(error);
        }
    }

    private static void AssertRefused(Decoded v)
    {
        var encrypt = Record.Exception(() =>
        {
            using var aes = new AesGcm(v.Key, v.Tag.Length);
            aes.Encrypt(v.Iv, v.Msg, new byte[v.Msg.Length], new byte[v.Tag.Length], v.Aad);
        });
        var decrypt = Record.Exception(() =>
        {
            using var aes = new AesGcm(v.Key, v.Tag.Length);
            aes.Decrypt(v.Iv, v.Ct, v.Tag, new byte[v.Ct.Length], v.Aad);
        });

        Assert.Equal("nonce", Assert.IsType<ArgumentException>(encrypt).ParamName);
        Assert.Equal("nonce", Assert.IsType<ArgumentException>(decrypt).ParamName);
    }

    private static void AssertSizesMatchGroup(AeadTestGroup group, AeadTestVector vector)
    {
        Assert.Equal(group.KeySize, vector.Key.Length * 4);
        Assert.Equal(group.IvSize, vector.Iv.Length * 4);
        Assert.Equal(group.TagSize, vector.Tag.Length * 4);
        Assert.Equal(vector.Msg.Length, vector.Ct.Length);
    }

    private static AesGcmCase Classify(AeadTestGroup group, AeadTestVector vector)
    {
        var supported = SupportedKeyBytes.Contains(vector.Key.Length / 2)
            && IsLegal(vector.Iv.Length / 2, AesGcm.NonceByteSizes)
            && IsLegal(vector.Tag.Length / 2, AesGcm.TagByteSizes);
        if (!supported)
        {
            return AesGcmCase.RefusedParameters;
        }

        return vector.Result switch
        {
            "valid" => AesGcmCase.Valid,
            "invalid" => AesGcmCase.Invalid,
            "acceptable" => AesGcmCase.Acceptable,
            _ => throw new InvalidDataException($"tcId {vector.TcId} in group {group.Type}: unknown result '{vector.Result}'"),
        };
    }

    private static string Describe(AeadTestGroup group, AeadTestVector vector) => Classify(group, vector) switch
    {
        AesGcmCase.RefusedParameters => $"refused: {group.IvSize}-bit nonce ({vector.Result} in Wycheproof)",
        var known => $"{known} {string.Join(' ', vector.Flags)}".ToLowerInvariant(),
    };

    private static bool IsLegal(int size, KeySizes sizes) =>
        size >= sizes.MinSize && size <= sizes.MaxSize
        && (sizes.SkipSize == 0 ? size == sizes.MinSize : (size - sizes.MinSize) % sizes.SkipSize == 0);

    private static IEnumerable<(AeadTestGroup Group, AeadTestVector Vector)> All() =>
        WycheproofVectors.AesGcm.TestGroups.SelectMany(group => group.Tests.Select(vector => (group, vector)));

    private static (AeadTestGroup Group, AeadTestVector Vector) Find(int tcId) => All().Single(x => x.Vector.TcId == tcId);

    private static TheoryData<int, string> ToTheoryData(IEnumerable<(AeadTestGroup Group, AeadTestVector Vector)> vectors)
    {
        var data = new TheoryData<int, string>();
        foreach (var (group, vector) in vectors)
        {
            data.Add(vector.TcId, Describe(group, vector));
        }

        return data;
    }

    private sealed record Decoded(byte[] Key, byte[] Iv, byte[] Aad, byte[] Msg, byte[] Ct, byte[] Tag)
    {
        public static Decoded From(AeadTestVector v) => new(
            Convert.FromHexString(v.Key),
            Convert.FromHexString(v.Iv),
            Convert.FromHexString(v.Aad),
            Convert.FromHexString(v.Msg),
            Convert.FromHexString(v.Ct),
            Convert.FromHexString(v.Tag));
    }
}
