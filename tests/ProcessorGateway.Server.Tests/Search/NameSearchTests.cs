using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using MongoDB.Bson;
using MongoDB.Driver;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Records;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;
using Xunit.Abstractions;
using Value = ProcessorGateway.Contracts.V1.Value;

namespace ProcessorGateway.Server.Tests.Search;

/// <summary>
/// Name search end to end through gRPC: thousands of multilingual names, and every query's pages together hold exactly
/// the records a plaintext reference search (computed here, from hand-written typed forms) finds.
/// </summary>
public sealed class NameSearchTests(GatewayFixture gateway, ITestOutputHelper output) : IClassFixture<GatewayFixture>
{
    private const int Students = 2_000;

    private readonly GrpcTestClients _clients = new(gateway.Channel);

    [Fact]
    public async Task Prefix_and_multi_word_queries_page_through_exactly_the_records_a_plaintext_reference_search_finds()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var names = MultilingualNames.Generate(Students);
        var clock = Stopwatch.StartNew();
        foreach (var chunk in names.Select((n, i) => (n.Name, Id: $"stu-{i:D5}")).Chunk(500))
        {
            var reply = await BatchUpload.SendAsync(_clients, chunk.Select(n => Student(tenant, n.Id, n.Name, grade: "7")));
            Assert.All(reply.Results, r => Assert.Equal(0, r.Code));
        }

        output.WriteLine($"{Students} students written in {clock.ElapsedMilliseconds} ms");
        await ReportTokenCostAsync(tenant);
        clock.Restart();
        var queries = Queries(names);
        var sizes = new List<int>();
        foreach (var (text, words) in queries)
        {
            var expected = names.Select((n, i) => (n.Words, Id: $"stu-{i:D5}")).Where(n => MultilingualNames.Matches(n.Words, words)).Select(n => n.Id).ToList();

            var found = await SearchAsync(tenant, text, pageSize: 50);

            sizes.Add(found.Count);
            Assert.True(expected.SequenceEqual(found), $"'{text}': expected {expected.Count} records, got {found.Count}; missing {string.Join(',', expected.Except(found).Take(5))}, extra {string.Join(',', found.Except(expected).Take(5))}");
        }

        output.WriteLine($"{queries.Count} queries paged in {clock.ElapsedMilliseconds} ms");
        await ReportQueryCostAsync(tenant, names);

        // The reference is not vacuous: some queries span several pages, and reversed ones mostly find nothing.
        Assert.Contains(sizes, n => n > 100);
        Assert.Contains(sizes, n => n == 0);
    }

    [Fact]
    public async Task Prefixes_in_another_order_than_the_name_are_dropped_after_decryption()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(Student(tenant, "stu-mj", "María José", grade: "7")).Within();
        await _clients.Records.PutRecordAsync(Student(tenant, "stu-jm", "José María", grade: "7")).Within();

        // Both records hold the tokens of "jos" and "mar"; only one holds them in this order.
        Assert.Equal(["stu-jm"], await SearchAsync(tenant, "jos mar"));
        Assert.Equal(["stu-mj"], await SearchAsync(tenant, "MARIA jo"));
        Assert.Equal(["stu-jm", "stu-mj"], await SearchAsync(tenant, "José"));
    }

    [Fact]
    public async Task A_name_search_combines_with_equality_filters_and_the_subject()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        await _clients.Records.PutRecordAsync(Student(tenant, "stu-1", "Ana García", grade: "7", subject: "subj-1")).Within();
        await _clients.Records.PutRecordAsync(Student(tenant, "stu-2", "Luis García", grade: "8", subject: "subj-2")).Within();
        await _clients.Records.PutRecordAsync(Student(tenant, "stu-3", "Marta Gárate", grade: "7", subject: "subj-3")).Within();

        Assert.Equal(["stu-1", "stu-3"], await SearchAsync(tenant, "gar", filter: new FieldFilter { Field = "grade_level", Equals_ = new Value { StringValue = "7" } }));
        Assert.Equal(["stu-2"], await SearchAsync(tenant, "garc", subject: "subj-2"));
        Assert.Empty(await SearchAsync(tenant, "garc", subject: "subj-3"));
    }

    [Fact]
    public async Task A_rewritten_name_is_found_by_its_new_words_only()
    {
        var tenant = await StudentRecords.CreateTenantAsync(_clients);
        var put = await _clients.Records.PutRecordAsync(Student(tenant, "stu-1", "Ana García", grade: "7")).Within();

        await _clients.Records.UpdateRecordAsync(new UpdateRecordRequest
        {
            TenantId = tenant, Collection = "students", RecordId = "stu-1", Purpose = StudentRecords.Purpose, ExpectedVersion = put.Version,
            Fields = { ["full_name"] = new Value { StringValue = "Ana Okonjo" } }, UpdateMask = new FieldMask { Paths = { "full_name" } },
        }).Within();

        Assert.Empty(await SearchAsync(tenant, "gar"));
        Assert.Equal(["stu-1"], await SearchAsync(tenant, "okon"));
        Assert.Equal(["stu-1"], await SearchAsync(tenant, "ana"));
    }

    /// <summary>Tokens and bytes per record as stored (docs/search.md#cost); every record carries a token of each long enough word.</summary>
    private async Task ReportTokenCostAsync(string tenant)
    {
        var raw = await new RawStore(gateway).Records.Find(new BsonDocument { { "t", tenant }, { "c", "students" } }).ToListAsync();
        var tokens = raw.Select(d => d.GetValue("nt", new BsonArray()).AsBsonArray).ToList();
        var bytes = tokens.Select(t => new BsonDocument("nt", t).ToBson().Length - 5).ToList();
        output.WriteLine($"name tokens per record: mean {tokens.Average(t => t.Count):F1}, max {tokens.Max(t => t.Count)}; bytes per record: mean {bytes.Average():F0}, max {bytes.Max()}; documents: mean {raw.Average(d => d.ToBson().Length):F0} bytes");
        Assert.Equal(Students, raw.Count);
        Assert.All(tokens, t => Assert.NotEmpty(t)); // every generated name has a word of three letters or two Chinese characters
    }

    /// <summary>A name found by its whole value (blind index) and by name search, the same names each way: medians, for docs/search.md#cost.</summary>
    private async Task ReportQueryCostAsync(string tenant, IReadOnlyList<(string Name, string[] Words)> names)
    {
        var equality = new List<double>();
        var prefix = new List<double>();
        foreach (var (name, _) in names.Take(60))
        {
            var clock = Stopwatch.StartNew();
            var exact = await _clients.Records.QueryRecordsAsync(new QueryRecordsRequest
            {
                TenantId = tenant, Collection = "students", Purpose = StudentRecords.Purpose,
                Filters = { new FieldFilter { Field = "full_name", Equals_ = new Value { StringValue = name } } },
            }).Within();
            equality.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            var byName = await SearchAsync(tenant, name);
            prefix.Add(clock.Elapsed.TotalMilliseconds);
            Assert.Subset(byName.ToHashSet(), exact.Records.Select(r => r.RecordId).ToHashSet());
        }

        output.WriteLine($"whole-name queries: equality median {Median(equality):F1} ms, name search median {Median(prefix):F1} ms");
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    internal static PutRecordRequest Student(string tenant, string id, string name, string grade, string? subject = null) => new()
    {
        TenantId = tenant, Collection = "students", RecordId = id, SubjectId = subject ?? string.Empty, Purpose = StudentRecords.Purpose,
        Fields = { ["full_name"] = new Value { StringValue = name }, ["grade_level"] = new Value { StringValue = grade }, ["is_minor"] = new Value { BoolValue = false } },
    };

    private Task<List<string>> SearchAsync(string tenant, string text, int pageSize = 0, FieldFilter? filter = null, string? subject = null) =>
        NameQueries.SearchAsync(_clients, tenant, "students", "full_name", text, pageSize, filter, subject);

    /// <summary>Single words, two words in order and in reverse, a short last word; typed in upper case or with accents now and then.</summary>
    private static List<(string Text, string[] Words)> Queries(IReadOnlyList<(string Name, string[] Words)> names)
    {
        var random = new Random(1818);
        var queries = new List<(string, string[])>();
        foreach (var (_, words) in names.Where(n => n.Words.Any(w => w.Length >= 3)).OrderBy(_ => random.Next()).Take(36))
        {
            var longWords = words.Where(w => w.Length >= 3).ToArray();
            var first = longWords[0][..Math.Min(longWords[0].Length, 3 + random.Next(4))];
            var last = words[^1][..Math.Min(words[^1].Length, 3 + random.Next(3))];
            queries.Add((random.Next(3) == 0 ? first.ToUpperInvariant() : first, [first]));
            if (words.Length > 1 && longWords[0] != words[^1])
            {
                queries.Add(($"{first} {last}", [first, last]));
                queries.Add(($"{last}, {first}", [last, first]));
                queries.Add(($"{longWords[0]} {words[^1][..Math.Min(words[^1].Length, 2)]}", [longWords[0], words[^1][..Math.Min(words[^1].Length, 2)]]));
            }
        }

        queries.Add(("Garcí", ["garci"]));
        queries.Add(("Пётр", ["петр"]));
        queries.Add(("山田", ["山田"]));
        queries.Add(("花子 佐", ["花子", "佐"]));
        return queries;
    }
}
