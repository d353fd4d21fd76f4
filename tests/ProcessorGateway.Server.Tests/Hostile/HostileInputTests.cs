using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Google.Protobuf.Reflection;
using Grpc.Core;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;
using Xunit.Abstractions;

namespace ProcessorGateway.Server.Tests.Hostile;

/// <summary>
/// Tens of thousands of generated malformed requests across every RPC of the contract: each is refused with
/// INVALID_ARGUMENT, NOT_FOUND, PERMISSION_DENIED or FAILED_PRECONDITION and a message (never UNKNOWN or
/// INTERNAL; forged credentials with UNAUTHENTICATED), nothing is written, and the gateway answers normally
/// afterwards. PG_HOSTILE_SEED and PG_HOSTILE_COUNT replay or lengthen a run; the seed is printed.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output)
{
    private const int DefaultSeed = 20261126;
    private const int DefaultCount = 10_000;

    /// <summary>
    /// Requests per gateway. Every refused call appends an audit event (the audit log stays on: it is fail-closed,
    /// and part of what is under test), and the development MongoDB server's writes slow with the square of a
    /// collection's size (1 ms at none, 500 ms at 10,000 documents), so a run goes through fresh gateways with
    /// fresh databases of this many requests each, every one checked in full. PG_HOSTILE_PER_GATEWAY changes it
    /// (on a real MongoDB, one gateway can take a whole run).
    /// </summary>
    private const int DefaultPerGateway = 2_500;

    /// <summary>
    /// Enough calls in flight that the audit log group-commits them in large blocks: with 64, a 10,000 run took
    /// two to four times as long.
    /// </summary>
    private const int Concurrency = 128;

    /// <summary>
    /// UNAVAILABLE says nothing about the request ("retry later"): a gateway starting cold on a loaded machine
    /// can give it when a call waits too long for a connection. Such a request is sent again, as a client
    /// would, up to this many times in all; its last answer is judged, and the retries are reported.
    /// </summary>
    private const int Attempts = 3;

    private static readonly string AnsweredUnavailable = $"answered {StatusCode.Unavailable}";

    private static readonly HashSet<StatusCode> Refusals =
        [StatusCode.InvalidArgument, StatusCode.NotFound, StatusCode.PermissionDenied, StatusCode.FailedPrecondition];

    [Fact]
    public async Task Malformed_requests_on_every_rpc_are_refused_with_a_message_write_nothing_and_leave_the_gateway_answering()
    {
        var seed = Setting("PG_HOSTILE_SEED", DefaultSeed);
        var count = Setting("PG_HOSTILE_COUNT", DefaultCount);
        var perGateway = Math.Max(1, Setting("PG_HOSTILE_PER_GATEWAY", DefaultPerGateway));
        Report($"hostile input: PG_HOSTILE_SEED={seed} PG_HOSTILE_COUNT={count} PG_HOSTILE_PER_GATEWAY={perGateway}");
        var methods = ContractMethods();
        Assert.NotEmpty(methods);

        var random = new Random(seed);
        var reached = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        for (var from = 0; from < count; from += perGateway)
        {
            var gateway = new HostileGateway(from / perGateway);
            await gateway.InitializeAsync();
            try
            {
                await RunOnOneGatewayAsync(gateway, random, methods, seed, from, Math.Min(perGateway, count - from), reached);
            }
            finally
            {
                await gateway.DisposeAsync();
            }
        }

        var untouched = methods.Select(m => m.FullName).Where(m => !reached.ContainsKey(m)).ToList();
        Assert.True(untouched.Count == 0, $"no hostile request reached {string.Join(", ", untouched)}");
    }

    private async Task RunOnOneGatewayAsync(
        GatewayFixture gateway, Random random, List<MethodDescriptor> methods, int seed, int from, int count, ConcurrentDictionary<string, int> reached)
    {
        var clients = new GrpcTestClients(gateway.Channel);
        var target = await HostileTarget.CreateAsync(gateway, clients);
        var databases = new[] { gateway.MongoDatabase, gateway.MongoKeyVaultDatabase, gateway.MongoDatabase.Client.GetDatabase(gateway.LedgerDatabase) };
        var before = await DatabaseSnapshot.TakeAsync(databases, CancellationToken.None);
        Assert.Contains(before.Collections, c => c.Key.EndsWith(".records", StringComparison.Ordinal) && !c.Value.StartsWith("0 ", StringComparison.Ordinal));

        var stopwatch = Stopwatch.StartNew();
        var caller = new RawCaller(gateway.AnonymousChannel.CreateCallInvoker());
        using var tokens = new HostileTokens(gateway, target);
        var failures = new ConcurrentQueue<string>();
        var retried = new ConcurrentQueue<string>();
        var perKind = new ConcurrentDictionary<string, (int Count, double Seconds)>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(new HostileGenerator(random, methods, target).Generate(from, count),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency },
            async (request, cancellationToken) =>
            {
                reached.AddOrUpdate(request.Method.FullName, 1, (_, n) => n + 1);
                var started = Stopwatch.GetTimestamp();
                string? failure;
                for (var attempt = 1; ; attempt++)
                {
                    var authorization = await tokens.AuthorizationAsync(request, cancellationToken);
                    failure = await RefusalProblemAsync(caller, request, authorization, cancellationToken);
                    if (failure?.StartsWith(AnsweredUnavailable, StringComparison.Ordinal) != true || attempt == Attempts)
                    {
                        break;
                    }

                    retried.Enqueue($"#{request.Index} {request.Method.Name} ({failure})");
                    await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
                }

                var took = Stopwatch.GetElapsedTime(started).TotalSeconds;
                perKind.AddOrUpdate($"{request.Caller} {request.Method.Name} [{request.Defect.Split(':')[0]}]", (1, took), (_, t) => (t.Count + 1, t.Seconds + took));
                if (failure is not null)
                {
                    failures.Enqueue($"{failure}; replay with PG_HOSTILE_SEED={seed}: {request.Describe()}");
                }
            });

        int Sent(Func<string, bool> kind) => perKind.Where(k => kind(k.Key)).Sum(k => k.Value.Count);
        Report($"requests {from}-{from + count - 1}: {stopwatch.Elapsed.TotalSeconds:F1} s on gateway {gateway.Database}; "
            + string.Join(", ", Enum.GetValues<HostileCaller>().Select(c => $"{Sent(k => k.StartsWith(c + " ", StringComparison.Ordinal))} as {c}"))
            + $", {Sent(k => k.Contains("[message of", StringComparison.Ordinal))} oversized messages, {Sent(k => k.Contains("[huge batch", StringComparison.Ordinal))} huge batches; the slowest kinds (calls overlap):");
        foreach (var (kind, (n, seconds)) in perKind.OrderByDescending(k => k.Value.Seconds).Take(5))
        {
            Report($"  {seconds,8:F1} s in {n,5} x {kind}");
        }

        if (!retried.IsEmpty)
        {
            Report($"  sent again after UNAVAILABLE: {retried.Count}, the first: {string.Join("; ", retried.Take(5))}");
        }

        var after = await DatabaseSnapshot.TakeAsync(databases, CancellationToken.None);
        var stored = await clients.Records.GetRecordAsync(new GetRecordRequest
        {
            TenantId = target.TenantId, Collection = "students", RecordId = HostileTarget.StoredRecordId, Purpose = HostileTarget.Purpose,
        }).Within();
        var written = await clients.Records.PutRecordAsync(target.NewStudent("stu-after")).Within();

        var kinds = failures.GroupBy(f => f.Split(';')[0], StringComparer.Ordinal).Select(g => $"{g.Count()} x {g.Key}");
        Assert.True(failures.IsEmpty,
            $"{failures.Count} of hostile requests {from}-{from + count - 1} (seed {seed}) were not refused properly:\n{string.Join("\n", kinds)}\nthe first:\n{string.Join("\n", failures.Take(20))}");
        Assert.Empty(after.DifferencesFrom(before));
        Assert.Equal(1, stored.Version);
        Assert.Equal(1, written.Version);
    }

    private static async Task<string?> RefusalProblemAsync(RawCaller caller, HostileRequest request, string? authorization, CancellationToken cancellationToken)
    {
        try
        {
            var response = await caller.CallAsync(request.Method, request.Messages, authorization, cancellationToken);
            return request.Method.Name == "BatchPutRecords" && response is not null
                ? BatchProblem(BatchPutRecordsResponse.Parser.ParseFrom(response), request.Expected)
                : "answered OK";
        }
        catch (RpcException e) when (request.Expected is { } expected ? e.StatusCode != expected : !Refusals.Contains(e.StatusCode))
        {
            return $"answered {e.StatusCode}{(request.Expected is { } only ? $" instead of {only}" : "")}: {e.Status.Detail}";
        }
        catch (RpcException e) when (string.IsNullOrWhiteSpace(e.Status.Detail))
        {
            return $"answered {e.StatusCode} without a message";
        }
        catch (RpcException)
        {
            return null;
        }
    }

    /// <summary>A batch answers per row: every row must be refused, with a refusal status (the expected one, if any) and a message.</summary>
    private static string? BatchProblem(BatchPutRecordsResponse response, StatusCode? expected)
    {
        var bad = response.Results.FirstOrDefault(r =>
            (expected is { } only ? (StatusCode)r.Code != only : !Refusals.Contains((StatusCode)r.Code)) || string.IsNullOrWhiteSpace(r.Message));
        return response.Succeeded > 0 || bad is not null
            ? $"batch answered OK with {response.Succeeded} rows written; row {bad?.Index}: {(StatusCode?)bad?.Code} {bad?.Message}"
            : null;
    }

    /// <summary>Every RPC of every service in the contract, so a new RPC is covered without touching this test.</summary>
    private static List<MethodDescriptor> ContractMethods() =>
        typeof(RecordService).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Reflection", StringComparison.Ordinal) && t.GetProperty("Descriptor")?.GetValue(null) is FileDescriptor)
            .SelectMany(t => ((FileDescriptor)t.GetProperty("Descriptor")!.GetValue(null)!).Services)
            .SelectMany(s => s.Methods)
            .OrderBy(m => m.FullName, StringComparer.Ordinal)
            .ToList();

    private void Report(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
