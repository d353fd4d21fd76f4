using System.Security.Cryptography;
using ProcessorGateway.Core.Crypto;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Tests.Values;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Tests.Crypto;

public sealed class LengthPaddingTests : IDisposable
{
    private readonly KeyMaterial _key = TestKeys.Data();

    public void Dispose() => _key.Dispose();

    [Theory]
    [InlineData(0, 16)]
    [InlineData(15, 16)]
    [InlineData(16, 32)]
    [InlineData(31, 32)]
    [InlineData(32, 64)]
    [InlineData(511, 512)]
    [InlineData(1023, 1024)]
    [InlineData(1024, 1280)]
    [InlineData(1279, 1280)]
    [InlineData(1280, 1536)]
    [InlineData(5000, 5120)]
    public void Padded_length_is_the_bucket_that_holds_the_value_and_its_marker(int length, int expected) =>
        Assert.Equal(expected, LengthPadding.PaddedLength(length));

    [Theory]
    [MemberData(nameof(SampleValues.AllNames), MemberType = typeof(SampleValues))]
    public void Padded_encryption_round_trips_every_value_exactly(string sample)
    {
        var value = SampleValues.Get(sample);

        var ciphertext = FieldCipher.Encrypt(_key, value, TestKeys.Context, padLength: true);

        Assert.Equal(FieldCipher.PaddedFormatVersion, ciphertext[0]);
        Assert.Equal(FieldCipher.Overhead + LengthPadding.PaddedLength(FieldValueCodec.GetEncodedLength(value)), ciphertext.Length);
        SampleValues.AssertSame(value, FieldCipher.DecryptValue(_key, ciphertext, TestKeys.Context));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("12345678901234")] // with the type byte, exactly 15: the marker fills the 16-byte bucket
    [InlineData("123456789012345")] // one more: the next bucket
    [InlineData("Zoë 山田 👩‍🎓")]
    public void Strings_at_and_around_a_bucket_boundary_round_trip_exactly(string text)
    {
        var ciphertext = FieldCipher.Encrypt(_key, new StringValue(text), TestKeys.Context, padLength: true);

        Assert.Equal(new StringValue(text), FieldCipher.DecryptValue(_key, ciphertext, TestKeys.Context));
    }

    [Fact]
    public void Values_of_different_lengths_within_one_bucket_give_ciphertexts_of_one_length()
    {
        var lengths = new[] { "", "AB123", "AB1234567", "Łódź-1" }
            .Select(text => FieldCipher.Encrypt(_key, new StringValue(text), TestKeys.Context, padLength: true).Length)
            .Distinct()
            .ToList();

        Assert.Equal([FieldCipher.Overhead + LengthPadding.SmallestBucket], lengths);
    }

    [Fact]
    public void A_value_stored_unpadded_before_length_hiding_still_reads()
    {
        // Format 1 is what every ciphertext stored before length hiding is: the encoded value, unpadded.
        var value = new StringValue("AB 123 456 C");
        var stored = FieldCipher.Encrypt(_key, FieldValueCodec.Encode(value), TestKeys.Context);
        Assert.Equal(FieldCipher.FormatVersion, stored[0]);
        Assert.Equal(FieldCipher.Overhead + FieldValueCodec.GetEncodedLength(value), stored.Length);

        Assert.Equal(value, FieldCipher.DecryptValue(_key, stored, TestKeys.Context));
        Assert.False(FieldCipher.IsPadded(stored));
    }

    [Fact]
    public void A_padded_ciphertext_relabelled_as_unpadded_fails_to_decrypt()
    {
        var ciphertext = FieldCipher.Encrypt(_key, new StringValue("secret"), TestKeys.Context, padLength: true);
        ciphertext[0] = FieldCipher.FormatVersion;

        var error = Assert.Throws<CryptographicException>(() => FieldCipher.DecryptValue(_key, ciphertext, TestKeys.Context));
        Assert.Equal("decryption failed", error.Message);
    }

    [Fact]
    public void Raw_decryption_refuses_a_padded_ciphertext_so_padding_never_reaches_a_caller()
    {
        var ciphertext = FieldCipher.Encrypt(_key, new StringValue("secret"), TestKeys.Context, padLength: true);
        var plaintext = new byte[ciphertext.Length - FieldCipher.Overhead];

        Assert.Throws<CryptographicException>(() => FieldCipher.Decrypt(_key, ciphertext, TestKeys.Context, plaintext));
    }

    public static TheoryData<byte[]> MalformedPadding => new()
    {
        new byte[] { 1, 2, 3 }, // no marker
        new byte[] { 1, 0x80, 0, 0 }, // marker, but 4 bytes is no bucket
        WithMarkerAt(1, 32), // a 1-byte value padded to 32 bytes, not to its bucket of 16: the padding is not unique
        new byte[16], // all zeros
        WithMarkerAt(15, 16, marker: 0x81), // another last byte than the marker
    };

    [Theory]
    [MemberData(nameof(MalformedPadding))]
    public void Authentic_plaintext_with_malformed_padding_fails_opaquely(byte[] padded)
    {
        // Authentic under the padded format, as only a holder of the key could make it: the padding check itself must refuse it.
        var ciphertext = FieldCipher.Encrypt(_key, padded, TestKeys.Context, FieldCipher.PaddedFormatVersion);
        Assert.Throws<FormatException>(() => LengthPadding.UnpaddedLength(padded));

        var error = Assert.Throws<CryptographicException>(() => FieldCipher.DecryptValue(_key, ciphertext, TestKeys.Context));
        Assert.Equal("decryption failed", error.Message);
        Assert.Null(error.InnerException);
    }

    private static byte[] WithMarkerAt(int position, int length, byte marker = LengthPadding.Marker)
    {
        var padded = new byte[length];
        padded.AsSpan(0, position).Fill(1);
        padded[position] = marker;
        return padded;
    }
}
