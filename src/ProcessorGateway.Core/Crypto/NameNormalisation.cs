using System.Globalization;
using System.Text;

namespace ProcessorGateway.Core.Crypto;

/// <summary>
/// How a name is cut into the words that prefix search indexes (docs/search.md#normalisation): compatibility
/// decomposition (NFKD), diacritics dropped, case folded with the invariant culture, and every character that is
/// neither a letter, a digit nor a kept mark is a word break (spaces, hyphens, apostrophes, dots, commas, …).
/// Writes and queries go through the same steps, so "José", "JOSE" and "jose" are one word.
/// </summary>
public static class NameNormalisation
{
    /// <summary>More words than a person's name has; a longer value is indexed on its first words only.</summary>
    public const int MaxWords = 32;

    private const int ArabicTatweel = 0x0640;

    // Without ICU, Normalize returns its input unchanged and replicas would disagree on tokens (as for BlindIndex).
    private static readonly bool DecompositionWorks = "\u00E9".Normalize(NormalizationForm.FormKD).Length == 2;

    /// <summary>The normalised words of <paramref name="text"/>, in order, at most <see cref="MaxWords"/>; empty ones never.</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!DecompositionWorks)
        {
            throw new InvalidOperationException("Unicode normalisation is unavailable (invariant globalization or no ICU); name tokens cannot be computed consistently");
        }

        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var rune in text.Normalize(NormalizationForm.FormKD).EnumerateRunes())
        {
            switch (Classify(rune))
            {
                case RuneRole.Dropped:
                    continue;
                case RuneRole.Break:
                    Flush(word, words);
                    break;
                default:
                    AppendFolded(rune, word);
                    break;
            }

            if (words.Count == MaxWords)
            {
                return words;
            }
        }

        Flush(word, words);
        return words;
    }

    /// <summary>A word's length as search counts it: in Unicode scalar values (a CJK character or an emoji is one).</summary>
    public static int Length(string word) => word.EnumerateRunes().Count();

    /// <summary>The first <paramref name="runes"/> scalar values of <paramref name="word"/>.</summary>
    public static string Prefix(string word, int runes)
    {
        var end = 0;
        foreach (var rune in word.EnumerateRunes())
        {
            if (runes-- == 0)
            {
                break;
            }

            end += rune.Utf16SequenceLength;
        }

        return word[..end];
    }

    private static RuneRole Classify(Rune rune)
    {
        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark:
                // A diacritic (an accent, a cedilla, Arabic or Hebrew vowel points) is dropped; in the scripts where
                // such marks spell the vowels of a word (Indic and South-East Asian scripts, the kana voicing marks)
                // it is kept, or "प्रिया" would lose its vowels.
                return SpellsLetters(rune.Value) ? RuneRole.Kept : RuneRole.Dropped;
            case UnicodeCategory.SpacingCombiningMark:
                return RuneRole.Kept;
            case UnicodeCategory.ModifierLetter when rune.Value == ArabicTatweel:
                return RuneRole.Dropped;
            case UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
                or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber:
                return RuneRole.Kept;
            default:
                return RuneRole.Break;
        }
    }

    private static bool SpellsLetters(int codePoint) =>
        codePoint is (>= 0x0900 and <= 0x0FFF) or (>= 0x1000 and <= 0x109F) or (>= 0x1780 and <= 0x17FF) or 0x3099 or 0x309A;

    /// <summary>Invariant lower case, plus the two foldings lower case leaves out: final sigma and sharp s.</summary>
    private static void AppendFolded(Rune rune, StringBuilder word)
    {
        var lower = Rune.ToLowerInvariant(rune);
        switch (lower.Value)
        {
            case 0x03C2: // ς
                word.Append('\u03C3');
                break;
            case 0x00DF: // ß
                word.Append("ss");
                break;
            default:
                word.Append(lower.ToString());
                break;
        }
    }

    private static void Flush(StringBuilder word, List<string> words)
    {
        if (word.Length > 0)
        {
            words.Add(word.ToString());
            word.Clear();
        }
    }

    private enum RuneRole
    {
        Kept,
        Dropped,
        Break,
    }
}
