using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using MongoDB.Bson;
using MongoDB.Driver;
using MongoDB.Driver.Encryption;
using ProcessorGateway.Core.Crypto;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Benchmarks;

/// <summary>
/// Encrypting then decrypting the ten fields of one <see cref="StudentRecord"/>, three ways, in one run:
/// <list type="bullet">
/// <item><b>RawAesGcm</b> (baseline, the physical limit): AES-256-GCM on the very bytes the codec encrypts
/// (its encoded values), one reused <see cref="AesGcm"/> (as the codec reuses its pooled one), a fresh
/// random 12-byte nonce per field, a 16-byte tag, one fresh output array per field (nonce | ct | tag, as
/// a stored ciphertext needs one), and decryption into a reused buffer. No associated data: building and
/// authenticating the header and the field context (about 70 bytes) is part of what the codec does, so it
/// is measured as the codec's cost, as are value encoding and turning plaintext back into a value.</item>
/// <item><b>Codec</b>: <see cref="FieldCipher.Encrypt(KeyMaterial, FieldValue, in FieldContext)"/> and
/// <see cref="FieldCipher.DecryptValue"/> per field, exactly as the gateway calls them.</item>
/// <item><b>Libmongocrypt</b>: MongoDB client-side field-level encryption, explicit, through
/// <see cref="ClientEncryption"/> (MongoDB.Driver 2.30.0, libmongocrypt 1.12.0) with a local KMS provider
/// (96-byte master key) and one data key, AEAD_AES_256_CBC_HMAC_SHA_512 Deterministic and Random. The data
/// key is fetched from the key vault once, then served from libmongocrypt's own cache, as in production;
/// the key vault lives on the server named by <c>PG_BENCH_MONGO_URI</c>.</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[CategoriesColumn]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class FieldEncryptionBenchmarks : IDisposable
{
    public const string MongoUriVariable = "PG_BENCH_MONGO_URI";

    private readonly string[] _fields = StudentRecord.Fields.Select(f => f.Field).ToArray();
    private readonly FieldValue[] _values = StudentRecord.Fields.Select(f => f.Value).ToArray();
    private readonly FieldContext[] _contexts = StudentRecord.Fields.Select(f => StudentRecord.Context(f.Field)).ToArray();
    private readonly byte[][] _ciphertexts = new byte[StudentRecord.Fields.Count][];

    private byte[][] _plaintexts = [];
    private byte[] _scratch = [];
    private KeyMaterial? _dataKey;
    private AesGcm? _rawAes;

    private BsonValue[] _bsonValues = [];
    private BsonBinaryData[] _mongoCiphertexts = [];
    private MongoClient? _mongoClient;
    private ClientEncryption? _clientEncryption;
    private EncryptOptions? _deterministic;
    private EncryptOptions? _random;
    private CollectionNamespace? _keyVault;
    private Guid _dataKeyId;

    [GlobalSetup(Targets = new[] { nameof(RawAesGcm_encrypt_decrypt_record), nameof(Codec_encrypt_decrypt_record) })]
    public void SetUpLocal()
    {
        _dataKey = KeyMaterial.Generate(StudentRecord.TenantId, KeyKind.Data, new KeyReference(Guid.NewGuid(), 1));
        _plaintexts = _values.Select(FieldValueCodec.Encode).ToArray();
        _scratch = new byte[_plaintexts.Max(p => p.Length)];
        _rawAes = new AesGcm(RandomNumberGenerator.GetBytes(32), FieldCipher.TagSize);

        // Each path must really round-trip before it is timed.
        Codec_encrypt_decrypt_record();
        for (var i = 0; i < _values.Length; i++)
        {
            Check(_values[i].Equals(FieldCipher.DecryptValue(_dataKey, _ciphertexts[i], _contexts[i])), "codec", i);
        }

        RawAesGcm_encrypt_decrypt_record();
        for (var i = 0; i < _values.Length; i++)
        {
            var plaintext = new byte[_plaintexts[i].Length];
            var c = _ciphertexts[i];
            _rawAes.Decrypt(c.AsSpan(0, FieldCipher.NonceSize), c.AsSpan(FieldCipher.NonceSize, plaintext.Length), c.AsSpan(FieldCipher.NonceSize + plaintext.Length), plaintext);
            Check(plaintext.AsSpan().SequenceEqual(_plaintexts[i]), "raw AES-GCM", i);
        }
    }

    [GlobalSetup(Targets = new[] { nameof(Libmongocrypt_deterministic_encrypt_decrypt_record), nameof(Libmongocrypt_random_encrypt_decrypt_record) })]
    public void SetUpLibmongocrypt()
    {
        var uri = Environment.GetEnvironmentVariable(MongoUriVariable);
        if (string.IsNullOrWhiteSpace(uri))
        {
            throw new InvalidOperationException(MissingMongoMessage);
        }

        _mongoClient = new MongoClient(uri);
        // A database of its own per run: nothing from an earlier run is read, and on the jongodb dev server
        // the key vault stays a one-document collection.
        _keyVault = new CollectionNamespace($"pg_bench_{Guid.NewGuid():N}", "__keyVault");
        var kmsProviders = new Dictionary<string, IReadOnlyDictionary<string, object>>(StringComparer.Ordinal)
        {
            ["local"] = new Dictionary<string, object>(StringComparer.Ordinal) { ["key"] = RandomNumberGenerator.GetBytes(96) },
        };
        _clientEncryption = new ClientEncryption(new ClientEncryptionOptions(_mongoClient, _keyVault, kmsProviders));
        _dataKeyId = _clientEncryption.CreateDataKey("local", new DataKeyOptions(), CancellationToken.None);
        _deterministic = new EncryptOptions(EncryptionAlgorithm.AEAD_AES_256_CBC_HMAC_SHA_512_Deterministic, keyId: _dataKeyId);
        _random = new EncryptOptions(EncryptionAlgorithm.AEAD_AES_256_CBC_HMAC_SHA_512_Random, keyId: _dataKeyId);
        _bsonValues = _values.Select(StudentRecord.ToBson).ToArray();
        _mongoCiphertexts = new BsonBinaryData[_bsonValues.Length];

        foreach (var (name, options) in new[] { ("deterministic", _deterministic), ("random", _random) })
        {
            RoundTripWithLibmongocrypt(options);
            for (var i = 0; i < _bsonValues.Length; i++)
            {
                Check(_mongoCiphertexts[i].SubType == BsonBinarySubType.Encrypted, $"libmongocrypt {name}", i);
                Check(_bsonValues[i].Equals(_clientEncryption.Decrypt(_mongoCiphertexts[i], CancellationToken.None)), $"libmongocrypt {name}", i);
            }
        }
    }

    [GlobalCleanup]
    public void CleanUp() => Dispose();

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("raw")]
    public int RawAesGcm_encrypt_decrypt_record()
    {
        var aes = _rawAes!;
        for (var i = 0; i < _plaintexts.Length; i++)
        {
            var plaintext = _plaintexts[i];
            var output = new byte[FieldCipher.NonceSize + plaintext.Length + FieldCipher.TagSize];
            var nonce = output.AsSpan(0, FieldCipher.NonceSize);
            RandomNumberGenerator.Fill(nonce);
            aes.Encrypt(nonce, plaintext, output.AsSpan(FieldCipher.NonceSize, plaintext.Length), output.AsSpan(FieldCipher.NonceSize + plaintext.Length));
            _ciphertexts[i] = output;
        }

        var check = 0;
        for (var i = 0; i < _ciphertexts.Length; i++)
        {
            var c = _ciphertexts[i];
            var length = c.Length - FieldCipher.NonceSize - FieldCipher.TagSize;
            var plaintext = _scratch.AsSpan(0, length);
            aes.Decrypt(c.AsSpan(0, FieldCipher.NonceSize), c.AsSpan(FieldCipher.NonceSize, length), c.AsSpan(FieldCipher.NonceSize + length), plaintext);
            check += plaintext[0];
        }

        return check;
    }

    [Benchmark]
    [BenchmarkCategory("codec")]
    public int Codec_encrypt_decrypt_record()
    {
        var key = _dataKey!;
        for (var i = 0; i < _values.Length; i++)
        {
            _ciphertexts[i] = FieldCipher.Encrypt(key, _values[i], _contexts[i]);
        }

        var check = 0;
        for (var i = 0; i < _ciphertexts.Length; i++)
        {
            check += (int)FieldCipher.DecryptValue(key, _ciphertexts[i], _contexts[i]).Type;
        }

        return check;
    }

    [Benchmark]
    [BenchmarkCategory("libmongocrypt")]
    public int Libmongocrypt_deterministic_encrypt_decrypt_record() => RoundTripWithLibmongocrypt(_deterministic!);

    [Benchmark]
    [BenchmarkCategory("libmongocrypt")]
    public int Libmongocrypt_random_encrypt_decrypt_record() => RoundTripWithLibmongocrypt(_random!);

    public void Dispose()
    {
        _dataKey?.Dispose();
        _dataKey = null;
        _rawAes?.Dispose();
        _rawAes = null;
        if (_clientEncryption is not null)
        {
            _clientEncryption.DeleteKey(_dataKeyId, CancellationToken.None);
            _clientEncryption.Dispose();
            _clientEncryption = null;
            TryDropKeyVaultDatabase();
        }

        // MongoClient 2.x is not disposable; its connections close with the benchmark process.
        _mongoClient = null;
        GC.SuppressFinalize(this);
    }

    internal static string MissingMongoMessage =>
        $"{MongoUriVariable} is not set. The libmongocrypt benchmarks need a MongoDB server for their key vault: "
        + $"run tests/ProcessorGateway.Benchmarks/run.sh, which starts one on loopback, or set {MongoUriVariable} "
        + "to a connection string such as mongodb://127.0.0.1:27017.";

    private int RoundTripWithLibmongocrypt(EncryptOptions options)
    {
        var encryption = _clientEncryption!;
        for (var i = 0; i < _bsonValues.Length; i++)
        {
            _mongoCiphertexts[i] = encryption.Encrypt(_bsonValues[i], options, CancellationToken.None);
        }

        var check = 0;
        for (var i = 0; i < _mongoCiphertexts.Length; i++)
        {
            check += (int)encryption.Decrypt(_mongoCiphertexts[i], CancellationToken.None).BsonType;
        }

        return check;
    }

    private void TryDropKeyVaultDatabase()
    {
        try
        {
            _mongoClient!.DropDatabase(_keyVault!.DatabaseNamespace.DatabaseName);
        }
        catch (MongoCommandException)
        {
            // The jongodb dev server has no dropDatabase; its data is gone when it stops anyway.
        }
    }

    private void Check(bool roundTripped, string path, int index)
    {
        if (!roundTripped)
        {
            throw new InvalidOperationException($"{path} did not round-trip field {_fields[index]}");
        }
    }
}
