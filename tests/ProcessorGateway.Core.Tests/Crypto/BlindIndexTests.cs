using System.Security.Cryptography;
using System.Text;
using ProcessorGateway.Core.Crypto;
using ProcessorGateway.Core.Keys;
using ProcessorGateway.Core.Values;

namespace ProcessorGateway.Core.Tests.Crypto;

public sealed class BlindIndexTests : IDisposable
{
    private const string Collection = "students";
    private const string Field = "email";

    private readonly KeyMaterial _indexKey = TestKeys.Index();

    public void Dispose() => _indexKey.Dispose();

    [Fact]
    public void Same_value_gives_the_same_token()
    {
        var first = BlindIndex.Token(_indexKey, Collection, Field, new StringValue("alice@example.edu"));
        var second = BlindIndex.Token(_indexKey, Collection, Field, new StringValue("alice@example.edu"));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Token_is_16_bytes()
    {
        var token = BlindIndex.Token(_indexKey, Collection, Field, new StringValue("alice@example.edu"));

        Assert.Equal(BlindIndex.TokenSize, token.Length);
        Assert.Equal(16, token.Length);
    }

    [Fact]
    public void Token_is_the_truncated_HMAC_SHA256_of_the_length_prefixed_input()
    {
        // Pins the format: a change here silently breaks every stored index.
        var token = BlindIndex.Token(_indexKey, Collection, Field, new StringValue("Alice"));

        byte[] input = [(byte)Collection.Length, .. Encoding.UTF8.GetBytes(Collection), (byte)Field.Length, .. Encoding.UTF8.GetBytes(Field),
            (byte)FieldType.String, .. "alice"u8];
        Assert.Equal(HMACSHA256.HashData(_indexKey.Bytes, input)[..16], token);
    }

    [Theory]
    [InlineData("case", "ALICE@Example.EDU")]
    [InlineData("surrounding spaces and tabs", " \talice@example.edu \r\n")]
    [InlineData("no-break and ideographic spaces", "\u00A0\u3000alice@example.edu\u3000")]
    [InlineData("full-width letters", "ａｌｉｃｅ＠ｅｘａｍｐｌｅ．ｅｄｕ")]
    [InlineData("full-width capitals", "ＡＬＩＣＥ＠ＥＸＡＭＰＬＥ．ＥＤＵ")]
    public void Strings_differing_only_in_case_space_or_width_give_the_same_token(string difference, string variant)
    {
        Assert.False(string.IsNullOrEmpty(difference));
        var expected = BlindIndex.Token(_indexKey, Collection, Field, new StringValue("alice@example.edu"));

        Assert.Equal(expected, BlindIndex.Token(_indexKey, Collection, Field, new StringValue(variant)));
    }

    [Theory]
    [InlineData("\u00C9COLE", "\u00E9cole")] // non-ASCII upper and lower case
    [InlineData("e\u0301", "\u00E9")] // decomposed and precomposed é
    [InlineData("\uFB01le", "file")] // the "ﬁ" ligature
    [InlineData("\u2168", "ix")] // Roman numeral nine
    public void Unicode_case_and_compatibility_forms_give_the_same_token(string variant, string canonical)
    {
        Assert.Equal(
            BlindIndex.Token(_indexKey, Collection, Field, new StringValue(canonical)),
            BlindIndex.Token(_indexKey, Collection, Field, new StringValue(variant)));
    }

    [Fact]
    public void Normalise_folds_width_and_compatibility_forms()
    {
        var normalised = BlindIndex.Normalise(new StringValue(" \uFF21\uFB01 "));

        Assert.Equal(new StringValue("afi"), normalised);
    }

    [Fact]
    public void Different_strings_give_different_tokens()
    {
        Assert.NotEqual(
            BlindIndex.Token(_indexKey, Collection, Field, new StringValue("alice@example.edu")),
            BlindIndex.Token(_indexKey, Collection, Field, new StringValue("alice@example.edv")));
    }

    [Fact]
    public void Inner_spaces_still_make_strings_different()
    {
        Assert.NotEqual(
            BlindIndex.Token(_indexKey, Collection, Field, new StringValue("anne marie")),
            BlindIndex.Token(_indexKey, Collection, Field, new StringValue("annemarie")));
    }

    [Fact]
    public void Same_value_in_another_field_gives_another_token()
    {
        var value = new StringValue("alice@example.edu");

        Assert.NotEqual(
            BlindIndex.Token(_indexKey, Collection, "email", value),
            BlindIndex.Token(_indexKey, Collection, "guardian_email", value));
    }

    [Fact]
    public void Same_value_in_another_collection_gives_another_token()
    {
        var value = new StringValue("alice@example.edu");

        Assert.NotEqual(
            BlindIndex.Token(_indexKey, "students", Field, value),
            BlindIndex.Token(_indexKey, "teachers", Field, value));
    }

    [Fact]
    public void Collection_and_field_split_at_another_boundary_give_another_token()
    {
        var value = new StringValue("x");

        Assert.NotEqual(
            BlindIndex.Token(_indexKey, "ab", "c", value),
            BlindIndex.Token(_indexKey, "a", "bc", value));
    }

    [Fact]
    public void Another_index_key_gives_another_token()
    {
        using var otherKey = TestKeys.Index();
        var value = new StringValue("alice@example.edu");

        Assert.NotEqual(
            BlindIndex.Token(_indexKey, Collection, Field, value),
            BlindIndex.Token(otherKey, Collection, Field, value));
    }

    [Fact]
    public void Values_of_different_types_with_the_same_text_give_different_tokens()
    {
        Assert.NotEqual(
            BlindIndex.Token(_indexKey, Collection, Field, new StringValue("1")),
            BlindIndex.Token(_indexKey, Collection, Field, new Int64Value(1)));
        Assert.NotEqual(
            BlindIndex.Token(_indexKey, Collection, Field, new Int64Value(1)),
            BlindIndex.Token(_indexKey, Collection, Field, new DoubleValue(BitConverter.Int64BitsToDouble(1))));
    }

    [Fact]
    public void Non_string_values_are_indexed_as_they_are()
    {
        var when = new DateTimeOffset(2010, 3, 4, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(
            BlindIndex.Token(_indexKey, Collection, "date_of_birth", new TimestampValue(when)),
            BlindIndex.Token(_indexKey, Collection, "date_of_birth", new TimestampValue(when.ToOffset(TimeSpan.FromHours(5)))));
        Assert.NotEqual(
            BlindIndex.Token(_indexKey, Collection, "grade", new Int64Value(7)),
            BlindIndex.Token(_indexKey, Collection, "grade", new Int64Value(8)));
    }

    [Fact]
    public void Tokens_of_a_single_value_is_one_token()
    {
        var value = new StringValue("Alice");

        var tokens = BlindIndex.Tokens(_indexKey, Collection, Field, value);

        var token = Assert.Single(tokens);
        Assert.Equal(BlindIndex.Token(_indexKey, Collection, Field, value), token);
    }

    [Fact]
    public void String_list_gives_one_token_per_distinct_item()
    {
        var list = new StringListValue(["maths", "music", "maths", "art"]);

        var tokens = BlindIndex.Tokens(_indexKey, Collection, "subjects", list);

        Assert.Equal(3, tokens.Count);
        Assert.Equal(
            new[] { "maths", "music", "art" }.Select(item => Convert.ToHexString(BlindIndex.Token(_indexKey, Collection, "subjects", new StringValue(item)))),
            tokens.Select(Convert.ToHexString));
    }

    [Fact]
    public void String_list_item_matches_a_search_for_the_single_string()
    {
        var tokens = BlindIndex.Tokens(_indexKey, Collection, "subjects", new StringListValue(["Maths", "Music"]));

        var search = BlindIndex.Token(_indexKey, Collection, "subjects", new StringValue(" music "));

        Assert.Contains(tokens, token => token.AsSpan().SequenceEqual(search));
    }

    [Fact]
    public void Empty_string_list_gives_no_tokens()
    {
        Assert.Empty(BlindIndex.Tokens(_indexKey, Collection, "subjects", new StringListValue([])));
    }

    [Fact]
    public void String_list_items_equal_after_normalisation_give_one_token()
    {
        var tokens = BlindIndex.Tokens(_indexKey, Collection, "subjects", new StringListValue(["Maths", "maths ", "MATHS"]));

        Assert.Single(tokens);
    }

    [Fact]
    public void Data_key_is_refused_for_blind_indexing()
    {
        using var dataKey = TestKeys.Data();

        var error = Assert.Throws<ArgumentException>(() => BlindIndex.Token(dataKey, Collection, Field, new StringValue("x")));
        Assert.Equal("indexKey", error.ParamName);
        Assert.Throws<ArgumentException>(() => BlindIndex.Tokens(dataKey, Collection, Field, new StringValue("x")));
    }

    [Fact]
    public void Index_key_is_refused_for_encryption()
    {
        var error = Assert.Throws<ArgumentException>(() => FieldCipher.Encrypt(_indexKey, new StringValue("x"), TestKeys.Context));
        Assert.Equal("key", error.ParamName);
    }

    [Fact]
    public void Long_values_beyond_the_stack_buffer_are_indexed()
    {
        var longValue = new string('a', 5000);

        Assert.Equal(
            BlindIndex.Token(_indexKey, Collection, Field, new StringValue(longValue)),
            BlindIndex.Token(_indexKey, Collection, Field, new StringValue(longValue.ToUpperInvariant())));
    }
}
