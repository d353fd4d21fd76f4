using System.Text.RegularExpressions;

namespace ProcessorGateway.Docs.Tests;

/// <summary>docs/http-api.md's table of paths is the protos' google.api.http rules, row for row.</summary>
public sealed partial class HttpApiDocTests
{
    private static readonly string[] ProtoFiles = ["tenants", "schemas", "records", "keys", "subject_rights", "erasure", "audit"];

    [Fact]
    public void The_paths_table_lists_every_http_rule_of_the_protos_in_order()
    {
        var fromProtos = ProtoFiles.SelectMany(f => RowsOf(File.ReadAllText(RepositoryRoot.File($"protos/processorgateway/v1/{f}.proto")))).ToList();
        var fromDoc = TableRows(File.ReadAllText(RepositoryRoot.File("docs/http-api.md")));

        Assert.True(fromProtos.SequenceEqual(fromDoc, StringComparer.Ordinal),
            "docs/http-api.md's paths table differs from the protos' HTTP rules. Expected rows:\n" + string.Join('\n', fromProtos));
    }

    [Fact]
    public void Every_rpc_but_client_streams_has_an_http_rule()
    {
        var rpcs = ProtoFiles.SelectMany(f => Rpc().Matches(File.ReadAllText(RepositoryRoot.File($"protos/processorgateway/v1/{f}.proto")))).ToList();

        Assert.NotEmpty(rpcs);
        Assert.All(rpcs, rpc => Assert.True(rpc.Groups["stream"].Success || Rule().IsMatch(rpc.Groups["options"].Value),
            $"rpc {rpc.Groups["name"].Value} has no google.api.http rule"));
    }

    /// <summary>One table row per binding, as docs/http-api.md writes them.</summary>
    private static IEnumerable<string> RowsOf(string proto)
    {
        var service = Service().Match(proto).Groups[1].Value;
        foreach (Match rpc in Rpc().Matches(proto))
        {
            var rules = Rule().Matches(rpc.Groups["options"].Value);
            if (rules.Count == 0)
            {
                yield return $"| {service}.{rpc.Groups["name"].Value} | — | gRPC only (client stream) | |";
            }

            foreach (Match rule in rules)
            {
                var body = rule.Groups["body"].Success ? $"`{rule.Groups["body"].Value}`" : string.Empty;
                yield return $"| {service}.{rpc.Groups["name"].Value} | {rule.Groups["verb"].Value.ToUpperInvariant()} | `{rule.Groups["path"].Value}` | {body} |".Replace("|  |", "| |", StringComparison.Ordinal);
            }
        }
    }

    private static List<string> TableRows(string doc)
    {
        var start = doc.IndexOf("<!-- paths:begin -->", StringComparison.Ordinal);
        var end = doc.IndexOf("<!-- paths:end -->", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "docs/http-api.md has no <!-- paths:begin --> ... <!-- paths:end --> table");
        return doc[start..end].Split('\n').Select(l => l.Trim())
            .Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| RPC ", StringComparison.Ordinal) && !l.StartsWith("| ---", StringComparison.Ordinal))
            .Select(l => l.Replace("|  |", "| |", StringComparison.Ordinal)).ToList();
    }

    [GeneratedRegex(@"^service (\w+)", RegexOptions.Multiline)]
    private static partial Regex Service();

    [GeneratedRegex(@"^  rpc (?<name>\w+)\((?<stream>stream )?\w+\) returns \((stream )?\w+\)(?<options> \{.*?\n  \}|;)", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Rpc();

    [GeneratedRegex(@"(?<verb>get|post|put|patch|delete): ""(?<path>[^""]+)""(\s*body: ""(?<body>[^""]*)"")?")]
    private static partial Regex Rule();
}
