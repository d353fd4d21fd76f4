using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using ProcessorGateway.Core.Crypto;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Benchmarks;

/// <summary>
/// Where the codec's time goes, for one field (the e-mail address): the raw AES-GCM calls with and without
/// associated data of the codec's length, and each piece the codec adds around them (nonce, cipher pool,
/// value encoding). Read next to <see cref="FieldEncryptionBenchmarks"/>: per record, the codec's cost over
/// raw AES-GCM is about ten times (encrypt overhead + decrypt overhead) measured here.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class CodecCostBreakdownBenchmarks : IDisposable
{
    private readonly FieldValue _value = new StringValue("amelie.okonkwo@students.example.edu");
    private readonly FieldContext _context = StudentRecord.Context("email");
    private readonly byte[] _scratch = new byte[256];
    private KeyMaterial? _key;
    private AesGcm? _aes;
    private byte[] _plaintext = [];
    private byte[] _associatedData = [];
    private byte[] _rawCiphertext = [];
    private byte[] _rawCiphertextWithAssociatedData = [];
    private byte[] _codecCiphertext = [];
    private byte[] _paddedCiphertext = [];

    [GlobalSetup]
    public void SetUp()
    {
        _key = KeyMaterial.Generate(StudentRecord.TenantId, KeyKind.Data, new KeyReference(Guid.NewGuid(), 1));
        _aes = new AesGcm(RandomNumberGenerator.GetBytes(32), FieldCipher.TagSize);
        _plaintext = FieldValueCodec.Encode(_value);

        // As long as the codec's: header, four length-prefixed identifiers, schema version.
        var identifiers = new[] { _context.TenantId, _context.Collection, _context.RecordId, _context.Field };
        _associatedData = RandomNumberGenerator.GetBytes(FieldCipher.HeaderSize + identifiers.Sum(s => 1 + Encoding.UTF8.GetByteCount(s)) + sizeof(int));

        _rawCiphertext = Raw_encrypt();
        _rawCiphertextWithAssociatedData = Raw_encrypt_with_associated_data();
        _codecCiphertext = Codec_encrypt_value();
        _paddedCiphertext = Codec_encrypt_value_padded();
    }

    [Benchmark(Baseline = true)]
    public byte[] Raw_encrypt() => RawEncrypt([]);

    [Benchmark]
    public byte[] Raw_encrypt_with_associated_data() => RawEncrypt(_associatedData);

    [Benchmark]
    public byte[] Codec_encrypt_value() => FieldCipher.Encrypt(_key!, _value, _context);

    /// <summary>As a sensitive field is stored: the 36-byte encoded value padded to its 64-byte bucket.</summary>
    [Benchmark]
    public byte[] Codec_encrypt_value_padded() => FieldCipher.Encrypt(_key!, _value, _context, padLength: true);

    [Benchmark]
    public int Raw_decrypt() => RawDecrypt(_rawCiphertext, []);

    [Benchmark]
    public int Raw_decrypt_with_associated_data() => RawDecrypt(_rawCiphertextWithAssociatedData, _associatedData);

    [Benchmark]
    public FieldValue Codec_decrypt_value() => FieldCipher.DecryptValue(_key!, _codecCiphertext, _context);

    [Benchmark]
    public FieldValue Codec_decrypt_value_padded() => FieldCipher.DecryptValue(_key!, _paddedCiphertext, _context);

    [Benchmark]
    public byte Nonce_from_RandomNumberGenerator()
    {
        Span<byte> nonce = stackalloc byte[FieldCipher.NonceSize];
        RandomNumberGenerator.Fill(nonce);
        return nonce[0];
    }

    [Benchmark]
    public void Cipher_pool_rent_and_return() => _key!.ReturnCipher(_key.RentCipher());

    [Benchmark]
    public byte[] Value_encode() => FieldValueCodec.Encode(_value);

    [Benchmark]
    public FieldValue Value_decode() => FieldValueCodec.Decode(_plaintext);

    public void Dispose()
    {
        _key?.Dispose();
        _key = null;
        _aes?.Dispose();
        _aes = null;
        GC.SuppressFinalize(this);
    }

    [GlobalCleanup]
    public void CleanUp() => Dispose();

    private byte[] RawEncrypt(byte[] associatedData)
    {
        var output = new byte[FieldCipher.NonceSize + _plaintext.Length + FieldCipher.TagSize];
        var nonce = output.AsSpan(0, FieldCipher.NonceSize);
        RandomNumberGenerator.Fill(nonce);
        _aes!.Encrypt(nonce, _plaintext, output.AsSpan(FieldCipher.NonceSize, _plaintext.Length), output.AsSpan(FieldCipher.NonceSize + _plaintext.Length), associatedData);
        return output;
    }

    private int RawDecrypt(byte[] ciphertext, byte[] associatedData)
    {
        var length = ciphertext.Length - FieldCipher.NonceSize - FieldCipher.TagSize;
        var plaintext = _scratch.AsSpan(0, length);
        _aes!.Decrypt(ciphertext.AsSpan(0, FieldCipher.NonceSize), ciphertext.AsSpan(FieldCipher.NonceSize, length), ciphertext.AsSpan(FieldCipher.NonceSize + length), plaintext, associatedData);
        return plaintext[0];
    }
}
