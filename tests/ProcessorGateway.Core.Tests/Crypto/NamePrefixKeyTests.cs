using System.Security.Cryptography;
using System.Text;
using ProcessorGateway.Core.Crypto;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Tests.Crypto;

public sealed class NamePrefixKeyTests : IDisposable
{
    private const string Collection = "students";
    private const string Field = "full_name";

    private readonly KeyMaterial _indexKey = TestKeys.Index();
    private readonly NamePrefixKey _key;

    public NamePrefixKeyTests() => _key = NamePrefixKey.Derive(_indexKey);

    public void Dispose()
    {
        _key.Dispose();
        _indexKey.Dispose();
    }

    [Fact]
    public void Each_word_gives_one_token_per_prefix_from_three_to_ten_scalar_values()
    {
        // maria: mar, mari, maria; jose: jos, jose; garcia: 4; lopez: 3. "Jo" and "Li" are too short for any.
        Assert.Equal(12, _key.TokensOf(Collection, Field, "María José García López").Count);
        Assert.Empty(_key.TokensOf(Collection, Field, "Jo Li"));
        Assert.Equal(8, _key.TokensOf(Collection, Field, "Bartholomew").Count);
        Assert.All(_key.TokensOf(Collection, Field, "Bartholomew"), t => Assert.Equal(BlindIndex.TokenSize, t.Length));
    }

    [Theory]
    [InlineData("María José García López", "gar")]
    [InlineData("María José García López", "LOP")]
    [InlineData("María José García López", "josé")]
    [InlineData("Пётр Чайковский", "чайк")]
    [InlineData("Νίκος Παπαδόπουλος", "παπαδ")]
    [InlineData("प्रिया शर्मा", "प्रि")]
    [InlineData("مُحَمَّد الرَّشِيد", "الرش")]
    [InlineData("山田太郎", "山田太")]
    [InlineData("山田 太郎", "山田")] // two Chinese characters are enough
    [InlineData("佐藤 はなこ", "はな")]
    [InlineData("Bartholomew Smith", "bartholomews")] // longer than ten: its first ten find the name; the check after decryption does the rest
    public void A_query_word_finds_the_token_of_a_stored_prefix(string name, string typed)
    {
        var stored = _key.TokensOf(Collection, Field, name);
        var query = _key.QueryToken(Collection, Field, NameNormalisation.Words(typed)[0]);

        Assert.NotNull(query);
        Assert.Contains(stored, t => t.AsSpan().SequenceEqual(query));
    }

    [Fact]
    public void A_query_word_shorter_than_the_minimum_has_no_token()
    {
        Assert.Null(_key.QueryToken(Collection, Field, "jo"));
        Assert.Null(_key.QueryToken(Collection, Field, "山"));
        Assert.Single(_key.TokensOf(Collection, Field, "山田"));
    }

    [Fact]
    public void Tokens_of_one_prefix_differ_between_fields_collections_tenants_and_from_the_blind_index()
    {
        using var otherTenantIndex = TestKeys.Index("tenant-b");
        using var otherTenant = NamePrefixKey.Derive(otherTenantIndex);
        byte[][] tokens =
        [
            _key.QueryToken(Collection, Field, "garcia")!,
            _key.QueryToken(Collection, "payer_name", "garcia")!,
            _key.QueryToken("guardians", Field, "garcia")!,
            otherTenant.QueryToken(Collection, Field, "garcia")!,
            BlindIndex.Token(_indexKey, Collection, Field, new StringValue("garcia")),
        ];

        Assert.Equal(tokens.Length, tokens.Select(Convert.ToHexString).Distinct().Count());
    }

    [Fact]
    public void Token_is_the_truncated_HMAC_SHA256_under_the_HKDF_derived_key_of_the_length_prefixed_input()
    {
        // Pins the format: a change here silently breaks every stored name token.
        var token = _key.QueryToken(Collection, Field, "garcía")!;

        var derived = HKDF.DeriveKey(HashAlgorithmName.SHA256, _indexKey.InsecureCopyForWrapping(), 32, [], Encoding.ASCII.GetBytes("processorgateway name-prefix tokens v1"));
        byte[] input = [(byte)Collection.Length, .. Encoding.UTF8.GetBytes(Collection), (byte)Field.Length, .. Encoding.UTF8.GetBytes(Field), .. Encoding.UTF8.GetBytes("garcía")];
        Assert.Equal(HMACSHA256.HashData(derived, input)[..16], token);
    }

    [Fact]
    public void Only_an_index_key_derives_a_name_key_and_its_text_shows_no_bytes()
    {
        using var data = TestKeys.Data();

        Assert.Throws<ArgumentException>(() => NamePrefixKey.Derive(data));
        Assert.StartsWith("name-prefix key from index key", _key.ToString(), StringComparison.Ordinal);
    }
}
