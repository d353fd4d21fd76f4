using ProcessorGateway.Core.Crypto;

namespace ProcessorGateway.Core.Tests.Crypto;

public sealed class NameNormalisationTests
{
    [Theory]
    [InlineData("María José García-López", new[] { "maria", "jose", "garcia", "lopez" })] // Latin: accents, hyphen
    [InlineData("  JOSÉ   maría ", new[] { "jose", "maria" })]
    [InlineData("O'Brien, Seán", new[] { "o", "brien", "sean" })] // apostrophe and comma break words
    [InlineData("Jürgen Straße", new[] { "jurgen", "strasse" })] // sharp s folds to ss
    [InlineData("François Ørjan Łukasz", new[] { "francois", "ørjan", "łukasz" })] // ø and ł have no decomposition: kept
    [InlineData("Пётр Ильич Чайковский", new[] { "петр", "ильич", "чаиковскии" })] // Cyrillic: ё → е, й → и
    [InlineData("Νίκος ΠΑΠΑΔΌΠΟΥΛΟΣ", new[] { "νικοσ", "παπαδοπουλοσ" })] // Greek: tonos dropped, final sigma folded
    [InlineData("مُحَمَّد الرَّشِيد", new[] { "محمد", "الرشيد" })] // Arabic: vowel points dropped
    [InlineData("أحمد محـمود", new[] { "احمد", "محمود" })] // hamza on alef dropped, tatweel dropped
    [InlineData("山田 太郎", new[] { "山田", "太郎" })] // CJK: words only where there is a space
    [InlineData("山田太郎", new[] { "山田太郎" })]
    [InlineData("ＹＡＭＡＤＡ Ｔａｒｏ", new[] { "yamada", "taro" })] // full width folds by NFKD
    [InlineData("Anna-Lena v. d. Berg 3rd", new[] { "anna", "lena", "v", "d", "berg", "3rd" })]
    [InlineData("—·—", new string[0])]
    public void Names_are_cut_into_normalised_words(string name, string[] expected) =>
        Assert.Equal(expected, NameNormalisation.Words(name));

    [Fact]
    public void Devanagari_keeps_the_vowel_signs_and_viramas_that_spell_its_words()
    {
        var words = NameNormalisation.Words("प्रिया शर्मा");

        Assert.Equal(["प्रिया", "शर्मा"], words);
        Assert.Equal(6, NameNormalisation.Length(words[0]));
        Assert.Equal("प्रि", NameNormalisation.Prefix(words[0], 4));
    }

    [Fact]
    public void Precomposed_and_decomposed_input_give_the_same_words() =>
        Assert.Equal(NameNormalisation.Words("Jos\u00E9 \u0915\u093C"), NameNormalisation.Words("Jose\u0301 \u0958"));

    [Fact]
    public void Length_and_prefix_count_scalar_values_so_a_surrogate_pair_is_never_split()
    {
        var word = NameNormalisation.Words("𠮷野家")[0];

        Assert.Equal(3, NameNormalisation.Length(word));
        Assert.Equal("𠮷", NameNormalisation.Prefix(word, 1));
    }

    [Fact]
    public void At_most_the_first_32_words_are_kept() =>
        Assert.Equal(NameNormalisation.MaxWords, NameNormalisation.Words(string.Join(' ', Enumerable.Repeat("word", 40))).Count);
}
