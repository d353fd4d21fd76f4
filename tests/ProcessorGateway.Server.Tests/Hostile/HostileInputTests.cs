using System.Collections.Concurrent;
using System.Globalization;
using Google.Protobuf.Reflection;
using Grpc.Core;
using ProcessorGateway.Contracts.V1;
using ProcessorGateway.Server.Tests.Support;
using ProcessorGateway.Testing;
using Xunit.Abstractions;

namespace ProcessorGateway.Server.Tests.Hostile;

/// <summary>
/// Thousands of generated malformed requests across every RPC of the contract: each is refused with
/// INVALID_ARGUMENT, NOT_FOUND, PERMISSION_DENIED or FAILED_PRECONDITION and a message (never UNKNOWN or
/// INTERNAL), nothing is written, and the gateway answers normally afterwards. PG_HOSTILE_SEED and
/// PG_HOSTILE_COUNT replay or lengthen a run; the seed is printed.
/// </summary>
public sealed class HostileInputTests(GatewayFixture gateway, ITestOutputHelper output) : IClassFixture<GatewayFixture>
{
    private const int DefaultSeed = 20261126;
    private const int DefaultCount = 2_500;
    private const int Concurrency = 8;

    private static readonly HashSet<StatusCode> Refusals =
        [StatusCode.InvalidArgument, StatusCode.NotFound, StatusCode.PermissionDenied, StatusCode.FailedPrecondition];

    private readonly GrpcTestClients _clients = new(gateway.Channel);

    [Fact]
    public async Task Malformed_requests_on_every_rpc_are_refused_with_a_message_write_nothing_and_leave_the_gateway_answering()
    {
        var seed = Setting("PG_HOSTILE_SEED", DefaultSeed);
        var count = Setting("PG_HOSTILE_COUNT", DefaultCount);
        output.WriteLine($"hostile input: PG_HOSTILE_SEED={seed} PG_HOSTILE_COUNT={count}");
        Console.WriteLine($"hostile input: PG_HOSTILE_SEED={seed} PG_HOSTILE_COUNT={count}");

        var methods = ContractMethods();
        Assert.NotEmpty(methods);
        var target = await HostileTarget.CreateAsync(_clients);
        var databases = new[] { gateway.MongoDatabase, gateway.MongoKeyVaultDatabase, gateway.MongoDatabase.Client.GetDatabase(gateway.LedgerDatabase) };
        var before = await DatabaseSnapshot.TakeAsync(databases, CancellationToken.None);
        Assert.Contains(before.Collections, c => c.Key.EndsWith(".records", StringComparison.Ordinal) && !c.Value.StartsWith("0 ", StringComparison.Ordinal));

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var caller = new RawCaller(gateway.Channel.CreateCallInvoker());
        var failures = new ConcurrentQueue<string>();
        var perMethod = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(new HostileGenerator(seed, methods, target).Generate(count),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency },
            async (request, cancellationToken) =>
            {
                perMethod.AddOrUpdate(request.Method.FullName, 1, (_, n) => n + 1);
                var failure = await RefusalProblemAsync(caller, request, cancellationToken);
                if (failure is not null)
                {
                    failures.Enqueue($"{failure}; replay with PG_HOSTILE_SEED={seed}: {request.Describe()}");
                }
            });

        output.WriteLine($"{count} hostile requests in {stopwatch.Elapsed.TotalSeconds:F1} s");
        var after = await DatabaseSnapshot.TakeAsync(databases, CancellationToken.None);
        var stored = await _clients.Records.GetRecordAsync(new GetRecordRequest
        {
            TenantId = target.TenantId, Collection = "students", RecordId = HostileTarget.StoredRecordId, Purpose = HostileTarget.Purpose,
        }).Within();
        var written = await _clients.Records.PutRecordAsync(target.NewStudent("stu-after")).Within();

        var kinds = failures.GroupBy(f => f.Split(';')[0], StringComparer.Ordinal).Select(g => $"{g.Count()} x {g.Key}");
        Assert.True(failures.IsEmpty,
            $"{failures.Count} of {count} hostile requests (seed {seed}) were not refused properly:\n{string.Join("\n", kinds)}\nthe first:\n{string.Join("\n", failures.Take(20))}");
        var untouched = methods.Select(m => m.FullName).Where(m => !perMethod.ContainsKey(m)).ToList();
        Assert.True(untouched.Count == 0, $"no hostile request reached {string.Join(", ", untouched)}");
        Assert.Empty(after.DifferencesFrom(before));
        Assert.Equal(1, stored.Version);
        Assert.Equal(1, written.Version);
    }

    private static async Task<string?> RefusalProblemAsync(RawCaller caller, HostileRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await caller.CallAsync(request.Method, request.Messages, cancellationToken);
            return request.Method.Name == "BatchPutRecords" && response is not null
                ? BatchProblem(BatchPutRecordsResponse.Parser.ParseFrom(response))
                : "answered OK";
        }
        catch (RpcException e) when (!Refusals.Contains(e.StatusCode))
        {
            return $"answered {e.StatusCode}: {e.Status.Detail}";
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

    /// <summary>A batch answers per row: every row must be refused, with a refusal status and a message.</summary>
    private static string? BatchProblem(BatchPutRecordsResponse response)
    {
        var bad = response.Results.FirstOrDefault(r => !Refusals.Contains((StatusCode)r.Code) || string.IsNullOrWhiteSpace(r.Message));
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

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
