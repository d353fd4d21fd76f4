using System.Text.RegularExpressions;
using Grpc.Core;
using ProcessorGateway.Cli;
using ProcessorGateway.Testing;

namespace ProcessorGateway.Client.Tests.Cli;

public sealed partial class ExitCodesTests
{
    private static readonly int[] PgctlsOwn = [ExitCodes.Ok, ExitCodes.Failure, ExitCodes.Usage, ExitCodes.VerificationFailed, ExitCodes.Interrupted];

    [Fact]
    public void Every_grpc_status_has_an_exit_code_of_its_own_apart_from_pgctls_own()
    {
        var statuses = Enum.GetValues<StatusCode>().Where(s => s != StatusCode.OK).ToList();
        var codes = statuses.Select(ExitCodes.For).ToList();

        Assert.Equal(statuses.Count, codes.Distinct().Count());
        Assert.DoesNotContain(codes, PgctlsOwn.Contains);
        Assert.All(codes, c => Assert.InRange(c, 3, 125));
        Assert.Equal(ExitCodes.Ok, ExitCodes.For(StatusCode.OK));
    }

    [Fact]
    public void Codes_scripts_already_rely_on_keep_their_numbers()
    {
        Assert.Equal(
            [3, 4, 5, 6, 7, 8, 9],
            new[] { StatusCode.Unauthenticated, StatusCode.PermissionDenied, StatusCode.NotFound, StatusCode.FailedPrecondition,
                StatusCode.InvalidArgument, StatusCode.Unavailable, StatusCode.Internal }.Select(ExitCodes.For));
    }

    [Fact]
    public void Docs_list_every_exit_code_with_the_status_it_stands_for()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "pgctl.md"));
        var rows = ExitCodeRow().Matches(docs).ToDictionary(m => int.Parse(m.Groups["exit"].Value, System.Globalization.CultureInfo.InvariantCulture), m => m.Groups["code"].Value);

        foreach (var (status, (name, exit)) in ExitCodes.Statuses)
        {
            Assert.True(rows.TryGetValue(exit, out var documented) && documented == name, $"docs/pgctl.md has no row '| {exit} | `{name}` |' for {status}");
        }

        Assert.Equal("USAGE", rows[ExitCodes.Usage]);
        Assert.Equal("VERIFICATION_FAILED", rows[ExitCodes.VerificationFailed]);
        Assert.Equal("INTERRUPTED", rows[ExitCodes.Interrupted]);
        Assert.Equal("LOCAL_ERROR", rows[ExitCodes.Failure]);
    }


    // A table row of docs/pgctl.md's exit codes: | 5 | `NOT_FOUND` | ...
    [GeneratedRegex(@"^\| (?<exit>\d+) \| `(?<code>[A-Z_]+)` \|", RegexOptions.Multiline)]
    private static partial Regex ExitCodeRow();
}
