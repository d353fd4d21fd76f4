namespace ProcessorGateway.Server.Tests.Search;

/// <summary>
/// Realistic names in six scripts, each word with the form a person types to find it, written out here by hand, so
/// the reference search the tests compute does not lean on the gateway's own normalisation.
/// </summary>
internal static class MultilingualNames
{
    private static readonly (string Written, string Typed)[][] Given =
    [
        [("María", "maria"), ("José", "jose"), ("Zoë", "zoe"), ("François", "francois"), ("Jürgen", "jurgen"), ("Ana", "ana"), ("Marco", "marco"), ("Joaquín", "joaquin"), ("Ngozi", "ngozi"), ("Siobhán", "siobhan")],
        [("Пётр", "петр"), ("Анна", "анна"), ("Мария", "мария"), ("Юлия", "юлия"), ("Сергей", "сергеи")],
        [("Νίκος", "νικοσ"), ("Μαρία", "μαρια"), ("Γιώργος", "γιωργοσ"), ("Ελένη", "ελενη")],
        [("प्रिया", "प्रिया"), ("अमित", "अमित"), ("सुनीता", "सुनीता"), ("राहुल", "राहुल")],
        [("مُحَمَّد", "محمد"), ("فاطمة", "فاطمة"), ("أحمد", "احمد"), ("ليلى", "ليلى")],
        [("太郎", "太郎"), ("花子", "花子"), ("健太郎", "健太郎"), ("美咲", "美咲")],
    ];

    private static readonly (string Written, string Typed)[][] Family =
    [
        [("García", "garcia"), ("López", "lopez"), ("Martínez", "martinez"), ("Dupont", "dupont"), ("Müller", "muller"), ("Okonjo", "okonjo"), ("Gárate", "garate"), ("Marín", "marin"), ("O'Brien", "o brien"), ("Smith", "smith")],
        [("Иванов", "иванов"), ("Петрова", "петрова"), ("Чайковский", "чаиковскии"), ("Смирнова", "смирнова")],
        [("Παπαδόπουλος", "παπαδοπουλοσ"), ("Γεωργίου", "γεωργιου"), ("Νικολάου", "νικολαου")],
        [("शर्मा", "शर्मा"), ("वर्मा", "वर्मा"), ("पटेल", "पटेल")],
        [("الرَّشِيد", "الرشيد"), ("حسن", "حسن"), ("المصري", "المصري")],
        [("山田", "山田"), ("佐藤", "佐藤"), ("高橋", "高橋")],
    ];

    /// <summary><paramref name="count"/> names from a fixed seed: the written name and its typed words, in order.</summary>
    public static IReadOnlyList<(string Name, string[] Words)> Generate(int count, int seed = 18)
    {
        var random = new Random(seed);
        var names = new List<(string, string[])>(count);
        for (var i = 0; i < count; i++)
        {
            var script = random.Next(Given.Length);
            var parts = new List<(string Written, string Typed)> { Pick(random, Given[script]) };
            if (random.Next(3) == 0)
            {
                parts.Add(Pick(random, Given[script]));
            }

            parts.Add(Pick(random, Family[script]));
            var hyphenated = random.Next(4) == 0;
            var second = Pick(random, Family[script]);
            var written = string.Join(' ', parts.Select(p => p.Written)) + (hyphenated ? "-" + second.Written : string.Empty);
            var typed = parts.Select(p => p.Typed).Concat(hyphenated ? [second.Typed] : []).SelectMany(t => t.Split(' ')).ToArray();
            names.Add((written, typed));
        }

        return names;
    }

    /// <summary>The reference search: every query word starts a word of the name, in order, each on its own word.</summary>
    public static bool Matches(string[] nameWords, string[] queryWords)
    {
        var next = 0;
        foreach (var query in queryWords)
        {
            while (next < nameWords.Length && !nameWords[next].StartsWith(query, StringComparison.Ordinal))
            {
                next++;
            }

            if (next++ >= nameWords.Length)
            {
                return false;
            }
        }

        return true;
    }

    private static (string Written, string Typed) Pick(Random random, (string Written, string Typed)[] words) => words[random.Next(words.Length)];
}
