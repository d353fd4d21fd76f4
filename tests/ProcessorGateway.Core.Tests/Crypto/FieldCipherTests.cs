using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ProcessorGateway.Core.Crypto;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Tests.Values;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Tests.Crypto;

public sealed class FieldCipherTests : IDisposable
{
    private readonly KeyMaterial _key = TestKeys.Data();

    public void Dispose() => _key.Dispose();

    [Theory]
    [MemberData(nameof(SampleValues.AllNames), MemberType = typeof(SampleValues))]
    public void Encrypt_then_decrypt_returns_the_same_value(string sample)
    {
        var value = SampleValues.Get(sample);

        var ciphertext = FieldCipher.Encrypt(_key, value, TestKeys.Context);

        Assert.Equal(FieldCipher.Overhead + FieldValueCodec.GetEncodedLength(value), ciphertext.Length);
        SampleValues.AssertSame(value, FieldCipher.DecryptValue(_key, ciphertext, TestKeys.Context));
    }

    [Fact]
    public void Ciphertext_follows_the_documented_layout_and_associated_data()
    {
        var value = new StringValue("alice@example.edu");
        var reference = new KeyReference(Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"), 0x01020304);
        using var key = new KeyMaterial(TestKeys.Tenant, KeyKind.Data, reference, RandomNumberGenerator.GetBytes(32));

        var ciphertext = FieldCipher.Encrypt(key, value, TestKeys.Context);

        // format(1) | key id(16, big-endian GUID) | key version(4, big-endian) | nonce(12) | ct | tag(16)
        Assert.Equal(FieldCipher.FormatVersion, ciphertext[0]);
        Assert.Equal(Convert.FromHexString("00112233445566778899AABBCCDDEEFF"), ciphertext[1..17]);
        Assert.Equal([1, 2, 3, 4], ciphertext[17..21]);

        // Rebuild the associated data by hand, independently of FieldCipher, and open it with raw AES-GCM.
        var context = TestKeys.Context;
        var associatedData = new List<byte>(ciphertext[..21]);
        foreach (var part in new[] { context.TenantId, context.Collection, context.RecordId, context.Field })
        {
            associatedData.Add((byte)Encoding.UTF8.GetByteCount(part));
            associatedData.AddRange(Encoding.UTF8.GetBytes(part));
        }

        var schemaVersion = new byte[sizeof(int)];
        BinaryPrimitives.WriteInt32BigEndian(schemaVersion, context.SchemaVersion);
        associatedData.AddRange(schemaVersion);

        var body = ciphertext[33..^16];
        var plaintext = new byte[body.Length];
        using (var aes = new AesGcm(key.Bytes, 16))
        {
            aes.Decrypt(ciphertext[21..33], body, ciphertext[^16..], plaintext, associatedData.ToArray());
        }

        Assert.Equal(FieldValueCodec.Encode(value), plaintext);
    }

    [Fact]
    public void Two_encryptions_of_the_same_value_differ()
    {
        var value = new StringValue("same value");

        var first = FieldCipher.Encrypt(_key, value, TestKeys.Context);
        var second = FieldCipher.Encrypt(_key, value, TestKeys.Context);

        Assert.Equal(first[..FieldCipher.HeaderSize], second[..FieldCipher.HeaderSize]);
        Assert.NotEqual(Nonce(first), Nonce(second));
        Assert.NotEqual(first[(FieldCipher.HeaderSize + FieldCipher.NonceSize)..], second[(FieldCipher.HeaderSize + FieldCipher.NonceSize)..]);
    }

    [Fact]
    public void Nonces_do_not_repeat_over_many_encryptions()
    {
        var value = new BoolValue(true);

        var nonces = Enumerable.Range(0, 10_000)
            .Select(_ => Convert.ToHexString(Nonce(FieldCipher.Encrypt(_key, value, TestKeys.Context))))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(10_000, nonces.Count);
    }

    [Fact]
    public void ReadKeyReference_returns_the_reference_of_the_encrypting_key()
    {
        using var key = KeyMaterial.Generate(TestKeys.Tenant, KeyKind.Data, new KeyReference(Guid.NewGuid(), 42));

        var ciphertext = FieldCipher.Encrypt(key, new Int64Value(7), TestKeys.Context);

        Assert.Equal(key.Reference, FieldCipher.ReadKeyReference(ciphertext));
    }

    [Fact]
    public void ReadKeyReference_of_input_shorter_than_the_overhead_fails()
    {
        var ciphertext = FieldCipher.Encrypt(_key, new StringValue(""), TestKeys.Context);

        Assert.Throws<CryptographicException>(() => FieldCipher.ReadKeyReference(ciphertext.AsSpan(0, FieldCipher.Overhead - 1)));
    }

    [Fact]
    public void ReadKeyReference_with_unknown_format_version_fails()
    {
        var ciphertext = FieldCipher.Encrypt(_key, new StringValue("x"), TestKeys.Context);
        ciphertext[0] = FieldCipher.PaddedFormatVersion + 1;

        Assert.Throws<CryptographicException>(() => FieldCipher.ReadKeyReference(ciphertext));
    }

    [Theory]
    [InlineData("string ASCII")]
    [InlineData("string empty")]
    [InlineData("string list with empty items")]
    [InlineData("int64 max")]
    [InlineData("bool false")]
    [InlineData("bytes empty")]
    public void Decrypt_with_any_single_byte_flipped_fails(string sample)
    {
        var ciphertext = FieldCipher.Encrypt(_key, SampleValues.Get(sample), TestKeys.Context);

        var accepted = new List<string>();
        foreach (var mask in new byte[] { 0x01, 0x80, 0xFF })
        {
            for (var position = 0; position < ciphertext.Length; position++)
            {
                var tampered = (byte[])ciphertext.Clone();
                tampered[position] ^= mask;
                if (!FailsOpaquely(() => FieldCipher.DecryptValue(_key, tampered, TestKeys.Context)))
                {
                    accepted.Add($"position {position} mask 0x{mask:X2}");
                }
            }
        }

        Assert.True(accepted.Count == 0, $"tampered ciphertexts decrypted or failed the wrong way: {string.Join(", ", accepted)}");
    }

    [Fact]
    public void Decrypt_of_every_truncation_fails()
    {
        var ciphertext = FieldCipher.Encrypt(_key, new StringValue("alice@example.edu"), TestKeys.Context);

        for (var length = 0; length < ciphertext.Length; length++)
        {
            var truncated = ciphertext[..length];
            Assert.True(FailsOpaquely(() => FieldCipher.DecryptValue(_key, truncated, TestKeys.Context)), $"length {length}");
        }
    }

    [Fact]
    public void Decrypt_with_a_byte_appended_fails()
    {
        byte[] ciphertext = [.. FieldCipher.Encrypt(_key, new StringValue("x"), TestKeys.Context), 0];

        AssertFailsOpaquely(() => FieldCipher.DecryptValue(_key, ciphertext, TestKeys.Context));
    }

    [Fact]
    public void Decrypt_with_ciphertext_moved_to_another_record_fails() =>
        AssertMoveFails(TestKeys.Context with { RecordId = "rec-0002" });

    [Fact]
    public void Decrypt_with_ciphertext_moved_to_another_field_fails() =>
        AssertMoveFails(TestKeys.Context with { Field = "phone" });

    [Fact]
    public void Decrypt_with_ciphertext_moved_to_another_collection_fails() =>
        AssertMoveFails(TestKeys.Context with { Collection = "teachers" });

    [Fact]
    public void Decrypt_with_ciphertext_moved_to_another_tenant_fails() =>
        AssertMoveFails(TestKeys.Context with { TenantId = "tenant-b" });

    [Fact]
    public void Decrypt_under_another_schema_version_fails() =>
        AssertMoveFails(TestKeys.Context with { SchemaVersion = TestKeys.Context.SchemaVersion + 1 });

    [Fact]
    public void Decrypt_with_identifiers_split_at_another_boundary_fails() =>
        // The same characters concatenated, cut elsewhere: the length prefixes keep the two apart.
        AssertMoveFails(TestKeys.Context with { Collection = "students" + "rec", RecordId = "-0001" });

    [Fact]
    public void Decrypt_with_another_key_of_the_same_name_fails()
    {
        var ciphertext = FieldCipher.Encrypt(_key, new StringValue("secret"), TestKeys.Context);
        using var impostor = TestKeys.Impostor(_key);

        AssertFailsOpaquely(() => FieldCipher.DecryptValue(impostor, ciphertext, TestKeys.Context));
    }

    [Fact]
    public void Decrypt_with_another_key_id_fails()
    {
        var ciphertext = FieldCipher.Encrypt(_key, new StringValue("secret"), TestKeys.Context);
        using var other = TestKeys.Data();

        AssertFailsOpaquely(() => FieldCipher.DecryptValue(other, ciphertext, TestKeys.Context));
    }

    [Fact]
    public void Decrypt_with_the_same_bytes_under_another_key_version_fails()
    {
        var ciphertext = FieldCipher.Encrypt(_key, new StringValue("secret"), TestKeys.Context);
        using var otherVersion = new KeyMaterial(_key.TenantId, KeyKind.Data, _key.Reference with { Version = 2 }, _key.InsecureCopyForWrapping());

        AssertFailsOpaquely(() => FieldCipher.DecryptValue(otherVersion, ciphertext, TestKeys.Context));
    }

    [Fact]
    public void Decrypt_with_an_index_key_of_the_same_name_and_bytes_fails()
    {
        var ciphertext = FieldCipher.Encrypt(_key, new StringValue("secret"), TestKeys.Context);
        using var indexKey = new KeyMaterial(_key.TenantId, KeyKind.Index, _key.Reference, _key.InsecureCopyForWrapping());

        AssertFailsOpaquely(() => FieldCipher.DecryptValue(indexKey, ciphertext, TestKeys.Context));
    }

    [Fact]
    public void Encrypt_with_an_index_key_throws_ArgumentException()
    {
        using var indexKey = TestKeys.Index();

        var error = Assert.Throws<ArgumentException>(() => FieldCipher.Encrypt(indexKey, new StringValue("x"), TestKeys.Context));
        Assert.Equal("key", error.ParamName);
    }

    [Fact]
    public void Encrypt_with_a_disposed_key_throws_ObjectDisposedException()
    {
        var key = TestKeys.Data();
        key.Dispose();

        Assert.Throws<ObjectDisposedException>(() => FieldCipher.Encrypt(key, new StringValue("x"), TestKeys.Context));
    }

    [Fact]
    public void Decrypt_into_a_buffer_of_the_wrong_size_fails()
    {
        var ciphertext = FieldCipher.Encrypt(_key, new StringValue("abc"), TestKeys.Context);
        var plaintext = new byte[ciphertext.Length - FieldCipher.Overhead + 1];

        AssertFailsOpaquely(() => FieldCipher.Decrypt(_key, ciphertext, TestKeys.Context, plaintext));
    }

    [Fact]
    public void Decrypt_into_a_buffer_that_fails_authentication_leaves_it_zeroed()
    {
        var ciphertext = FieldCipher.Encrypt(_key, new StringValue("do not leak me"), TestKeys.Context);
        ciphertext[^1] ^= 1;
        var plaintext = new byte[ciphertext.Length - FieldCipher.Overhead];
        plaintext.AsSpan().Fill(0xAA);

        AssertFailsOpaquely(() => FieldCipher.Decrypt(_key, ciphertext, TestKeys.Context, plaintext));
        Assert.All(plaintext, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Decrypt_of_an_authentic_but_malformed_payload_fails_opaquely()
    {
        // Authentic ciphertext of bytes that are no valid value (type byte 0): the format error must not show.
        var ciphertext = FieldCipher.Encrypt(_key, new byte[] { 0, 1, 2 }, TestKeys.Context);

        AssertFailsOpaquely(() => FieldCipher.DecryptValue(_key, ciphertext, TestKeys.Context));
    }

    [Fact]
    public void Encrypt_and_decrypt_on_many_threads_with_one_key_round_trip()
    {
        var failures = 0;

        Parallel.For(0, 2_000, i =>
        {
            var value = new StringValue($"value {i}");
            var context = TestKeys.Context with { RecordId = $"rec-{i}" };
            var decrypted = FieldCipher.DecryptValue(_key, FieldCipher.Encrypt(_key, value, context), context);
            if (!value.Equals(decrypted))
            {
                Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);
    }

    private void AssertMoveFails(FieldContext elsewhere)
    {
        var ciphertext = FieldCipher.Encrypt(_key, new StringValue("alice@example.edu"), TestKeys.Context);
        Assert.Equal(new StringValue("alice@example.edu"), FieldCipher.DecryptValue(_key, ciphertext, TestKeys.Context));

        AssertFailsOpaquely(() => FieldCipher.DecryptValue(_key, ciphertext, elsewhere));
    }

    private static byte[] Nonce(byte[] ciphertext) => ciphertext[FieldCipher.HeaderSize..(FieldCipher.HeaderSize + FieldCipher.NonceSize)];

    /// <summary>Every failure is the same plain <see cref="CryptographicException"/>, so none tells an attacker why.</summary>
    private static void AssertFailsOpaquely(Action decrypt)
    {
        var error = Assert.Throws<CryptographicException>(decrypt);
        Assert.Equal("decryption failed", error.Message);
        Assert.Null(error.InnerException);
    }

    private static bool FailsOpaquely(Action decrypt)
    {
        try
        {
            decrypt();
            return false;
        }
        catch (CryptographicException e) when (e.GetType() == typeof(CryptographicException))
        {
            return e.Message == "decryption failed" && e.InnerException is null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }
}
